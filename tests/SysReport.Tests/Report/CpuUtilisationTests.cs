using SysReport.Parsing;
using SysReport.Report;
using SysReport.Tests.Support;

namespace SysReport.Tests.Report;

public class CpuUtilisationTests
{
    [Test]
    public void Busy_share_is_the_busy_ticks_over_all_ticks_between_two_samples()
    {
        var before = ProcStatParser.Parse(Fixtures.Read("stat-before.txt"));
        var after = ProcStatParser.Parse(Fixtures.Read("stat-after.txt"));

        var utilisation = CpuUtilisation.Between(before, after);

        // cpu: 195 busy of 198 ticks; cpu0: 100 of 100; cpu1: 95 of 98.
        Assert.That(utilisation.BusyPercent, Is.EqualTo(98.5));
        Assert.That(utilisation.PerCpu, Is.EqualTo(new[] { new CoreUtilisation("cpu0", 100), new CoreUtilisation("cpu1", 96.9) }));
    }

    [Test]
    public void Iowait_is_reported_apart_from_busy()
    {
        var before = new[] { new CpuTimes("cpu", 0, 0, 0, 0, 0, 0, 0, 0) };
        var after = new[] { new CpuTimes("cpu", User: 25, Nice: 0, System: 25, Idle: 25, Iowait: 25, Irq: 0, Softirq: 0, Steal: 0) };

        var utilisation = CpuUtilisation.Between(before, after);

        Assert.That(utilisation.BusyPercent, Is.EqualTo(50));
        Assert.That(utilisation.IowaitPercent, Is.EqualTo(25));
    }

    [Test]
    public void Identical_samples_give_zero_rather_than_a_division_by_zero()
    {
        var sample = ProcStatParser.Parse(Fixtures.Read("stat-before.txt"));

        Assert.That(CpuUtilisation.Between(sample, sample).BusyPercent, Is.Zero);
    }

    [Test]
    public void A_cpu_whose_counters_went_backwards_counts_as_zero()
    {
        var before = new[] { new CpuTimes("cpu", 10, 0, 0, 10, 0, 0, 0, 0), new CpuTimes("cpu1", 500, 0, 0, 500, 0, 0, 0, 0) };
        var after = new[] { new CpuTimes("cpu", 20, 0, 0, 20, 0, 0, 0, 0), new CpuTimes("cpu1", 5, 0, 0, 5, 0, 0, 0, 0) };

        Assert.That(CpuUtilisation.Between(before, after).PerCpu.Single().BusyPercent, Is.Zero);
    }

    [Test]
    public void A_cpu_that_came_online_between_samples_is_left_out()
    {
        var before = new[] { new CpuTimes("cpu", 0, 0, 0, 0, 0, 0, 0, 0) };
        var after = new[] { new CpuTimes("cpu", 1, 0, 0, 1, 0, 0, 0, 0), new CpuTimes("cpu3", 1, 0, 0, 1, 0, 0, 0, 0) };

        Assert.That(CpuUtilisation.Between(before, after).PerCpu, Is.Empty);
    }
}
