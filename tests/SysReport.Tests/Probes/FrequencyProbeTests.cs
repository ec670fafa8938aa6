using SysReport.Probes;
using SysReport.Tests.Support;

namespace SysReport.Tests.Probes;

public class FrequencyProbeTests
{
    [Test]
    public void Cpufreq_is_preferred_and_summarised_over_all_cpus()
    {
        using var system = new FakeSystem()
            .WithProc("cpuinfo", Fixtures.Read("cpuinfo-x86_64.txt"))
            .WithCpu(0, 0, 0, scalingKhz: 3_000_000)
            .WithCpu(1, 0, 1, scalingKhz: 2_000_000);

        var reading = FrequencyProbe.Read(system.Paths);

        Assert.That(reading, Is.EqualTo(new SysReport.Report.FrequencyReading(2500, 2000, 3000, "cpufreq")));
    }

    [Test]
    public void Without_cpufreq_the_cpuinfo_clock_is_used()
    {
        using var system = new FakeSystem().WithProc("cpuinfo", Fixtures.Read("cpuinfo-x86_64.txt")).WithCpu(0, 0, 0);

        Assert.That(FrequencyProbe.Read(system.Paths)?.Source, Is.EqualTo("cpuinfo"));
    }

    [Test]
    public void An_arm64_vm_without_cpufreq_has_no_clock_reading()
    {
        using var system = new FakeSystem().WithProc("cpuinfo", Fixtures.Read("cpuinfo-aarch64.txt")).WithCpu(0, 0, 0);

        Assert.That(FrequencyProbe.Read(system.Paths), Is.Null);
    }
}
