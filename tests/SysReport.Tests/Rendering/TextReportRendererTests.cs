using SysReport.Parsing;
using SysReport.Rendering;
using SysReport.Report;
using SysReport.Tests.Support;

namespace SysReport.Tests.Rendering;

public class TextReportRendererTests
{
    [Test]
    public void Every_section_gets_a_labelled_line()
    {
        var text = Render(SampleReport());

        Assert.That(text, Does.Contain("CPU          AMD EPYC"));
        Assert.That(text, Does.Contain("1 socket, 2 cores, 2 threads, 2596 MHz"));
        Assert.That(text, Does.Contain("Utilisation  98.5 % busy over 1 s"));
        Assert.That(text, Does.Contain("node 1: CPUs 16-31,48-63, 126.0 GiB (122.9 GiB free)"));
        Assert.That(text, Does.Contain("Network      ens1f0np0  25 Gb/s full duplex, link up"));
        Assert.That(text, Does.Contain("fio 4 KiB random read (libaio): 71548 IOPS, 279.5 MiB/s, p99 latency 3489.8 us"));
    }

    [Test]
    public void Pci_counts_every_class_but_lists_only_endpoint_devices()
    {
        var text = Render(SampleReport());

        Assert.That(text, Does.Contain("PCI          11 devices: 2 Ethernet controller, 2 Non-Volatile memory controller"));
        Assert.That(text, Does.Contain("3b:00.0 Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller PM173X"));
        Assert.That(text, Does.Not.Contain("PCI Express Root Port"));
    }

    [Test]
    public void Problems_are_listed_last_by_section()
    {
        var report = SampleReport() with { Problems = [new ReportProblem("numa", "numactl is missing: expected the bundled binary at /opt/x")] };

        Assert.That(Render(report).TrimEnd(), Does.EndWith("Problems" + Environment.NewLine + "  numa: numactl is missing: expected the bundled binary at /opt/x"));
    }

    [Test]
    public void An_interrupted_load_run_says_how_far_it_got()
    {
        var report = SampleReport() with { Load = new LoadRun(10, 2, false, [new LoadSample(1, 99.5, 2596, 2596, 2596)]) };

        var text = Render(report);

        Assert.That(text, Does.Contain("Load         stress on 2 CPUs for 10 s (stopped after 1 s)"));
        Assert.That(text, Does.Contain("1 s   99.5 % busy  2596 MHz (min 2596, max 2596)"));
    }

    [Test]
    public void A_machine_without_numa_says_so() =>
        Assert.That(Render(SampleReport() with { Numa = new NumaTopology([], []) }), Does.Contain("NUMA         not available on this system"));

    private static string Render(SystemReport report)
    {
        var output = new StringWriter();
        TextReportRenderer.Render(report, output);
        return output.ToString();
    }

    internal static SystemReport SampleReport() =>
        new(
            "1.2.3",
            "host",
            "6.1.0-27-amd64",
            new CpuSummary("AMD EPYC", 1, 2, 2, 2596, "sysfs"),
            MemInfoParser.Parse(Fixtures.Read("meminfo.txt")),
            CpuUtilisation.Between(ProcStatParser.Parse(Fixtures.Read("stat-before.txt")), ProcStatParser.Parse(Fixtures.Read("stat-after.txt"))),
            NumactlHardwareParser.Parse(Fixtures.Read("numactl-hardware-2node.txt")),
            PciSummary.From(LspciParser.Parse(Fixtures.Read("lspci-mm-server.txt"))),
            [new NetworkInterfaceReport("ens1f0np0", EthtoolParser.Parse(Fixtures.Read("ethtool-25g-nonroot.txt")))],
            FioJsonParser.Parse(Fixtures.Read("fio-randread-libaio.json")),
            null,
            []);
}
