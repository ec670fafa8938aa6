using System.Globalization;
using SysReport.Parsing;
using SysReport.Report;

namespace SysReport.Rendering;

internal static class TextReportRenderer
{
    private const int LabelWidth = 13;

    // Bridges and platform functions are counted by class but not listed: the listed lines are the devices people look for.
    private static readonly string[] UnlistedClasses = ["bridge", "System peripheral", "Unassigned class", "Signal processing", "Performance counters"];

    private const int ListedPciDevices = 8;

    public static void Render(SystemReport report, TextWriter output)
    {
        output.WriteLine($"sysreport {report.Version} on {report.Hostname}{(report.Kernel is null ? "" : $" (Linux {report.Kernel})")}");
        output.WriteLine();
        if (report.Cpu is { } cpu)
        {
            Line(output, "CPU", cpu.Model);
            Line(output, "", $"{Units.Plural(cpu.Sockets, "socket")}, {Units.Plural(cpu.Cores, "core")}, {Units.Plural(cpu.Threads, "thread")}"
                             + (cpu.Mhz is { } mhz ? $", {mhz:0} MHz" : ""));
        }

        if (report.Memory is { } memory)
        {
            var available = memory.AvailableBytes is { } bytes ? $", {Units.Bytes(bytes)} available" : "";
            Line(output, "Memory", $"{Units.Bytes(memory.TotalBytes)} total{available}; swap {Units.Bytes(memory.SwapTotalBytes)}");
        }

        if (report.Utilisation is { } utilisation)
            Line(output, "Utilisation", Invariant($"{utilisation.BusyPercent:0.0} % busy over 1 s (iowait {utilisation.IowaitPercent:0.0} %)"));
        if (report.Numa is { } numa)
            RenderNuma(numa, output);
        if (report.Pci is { } pci)
            RenderPci(pci, output);
        if (report.Network is { } network)
            RenderNetwork(network, output);
        if (report.Bench is { } bench)
        {
            var p99 = bench.P99LatencyMicroseconds is { } latency ? Invariant($", p99 latency {latency:0.0} us") : "";
            Line(output, "Disk", Invariant($"fio 4 KiB random read ({bench.Engine}): {bench.Iops:0} IOPS, {Units.Bytes(bench.BandwidthBytesPerSecond)}/s{p99}"));
        }

        if (report.Load is { } load)
            RenderLoad(load, output);
        if (report.Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Problems");
            foreach (var problem in report.Problems)
                output.WriteLine($"  {problem.Section}: {problem.Message}");
        }
    }

    private static void RenderNuma(NumaTopology numa, TextWriter output)
    {
        if (numa.Nodes.Count == 0)
        {
            Line(output, "NUMA", "not available on this system");
            return;
        }

        Line(output, "NUMA", Units.Plural(numa.Nodes.Count, "node"));
        foreach (var node in numa.Nodes)
        {
            var size = node.SizeMiB is { } mib ? $", {Units.Bytes(mib * 1024.0 * 1024)}" : "";
            var free = node.FreeMiB is { } freeMib ? $" ({Units.Bytes(freeMib * 1024.0 * 1024)} free)" : "";
            Line(output, "", $"node {node.Id}: CPUs {Units.CpuList(node.Cpus)}{size}{free}");
        }
    }

    private static void RenderPci(PciSummary pci, TextWriter output)
    {
        Line(output, "PCI", $"{Units.Plural(pci.Devices.Count, "device")}: {string.Join(", ", pci.Classes.Select(c => $"{c.Count} {c.Class}"))}");
        var listed = pci.Devices
            .Where(d => !UnlistedClasses.Any(c => d.Class.Contains(c, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        foreach (var device in listed.Take(ListedPciDevices))
            Line(output, "", $"{device.Slot} {device.Class}: {device.Vendor} {device.Device}");
        if (listed.Count > ListedPciDevices)
            Line(output, "", $"... {listed.Count - ListedPciDevices} more (--json lists all)");
    }

    private static void RenderNetwork(IReadOnlyList<NetworkInterfaceReport> network, TextWriter output)
    {
        if (network.Count == 0)
        {
            Line(output, "Network", "no interfaces besides lo");
            return;
        }

        var label = "Network";
        var width = network.Max(n => n.Name.Length);
        foreach (var nic in network)
        {
            Line(output, label, $"{nic.Name.PadRight(width)}  {Describe(nic.Link)}");
            label = "";
        }
    }

    private static string Describe(LinkSettings? link)
    {
        if (link is null)
            return "no link settings";
        var speed = link.SpeedMbps switch
        {
            null => "speed unknown",
            >= 1000 and var mbps when mbps % 1000 == 0 => $"{mbps / 1000} Gb/s",
            var mbps => $"{mbps} Mb/s",
        };
        var state = link.LinkDetected switch { true => "link up", false => "link down", null => "link unknown" };
        return $"{speed}{(link.Duplex is null ? "" : $" {link.Duplex.ToLowerInvariant()} duplex")}, {state}";
    }

    private static void RenderLoad(LoadRun load, TextWriter output)
    {
        var status = load.Completed ? "" : $" (stopped after {load.Samples.Count} s)";
        Line(output, "Load", $"stress on {Units.Plural(load.Workers, "CPU")} for {load.Seconds} s{status}");
        foreach (var sample in load.Samples)
            Line(output, "", FormatSample(sample));
    }

    public static string FormatSample(LoadSample sample)
    {
        var clock = sample.AverageMhz is { } mhz ? Invariant($"  {mhz:0} MHz (min {sample.MinMhz:0}, max {sample.MaxMhz:0})") : "  clock not readable";
        return Invariant($"{sample.Second,3} s  {sample.BusyPercent,5:0.0} % busy{clock}");
    }

    private static void Line(TextWriter output, string label, string text) =>
        output.WriteLine($"{label.PadRight(LabelWidth)}{text}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
