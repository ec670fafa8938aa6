using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class ProcStatParserTests
{
    [Test]
    public void The_aggregate_line_comes_first_then_each_cpu()
    {
        var times = ProcStatParser.Parse(Fixtures.Read("stat-before.txt"));

        Assert.That(times.Select(t => t.Name), Is.EqualTo(new[] { "cpu", "cpu0", "cpu1" }));
        Assert.That(times[0], Is.EqualTo(new CpuTimes("cpu", 9353, 0, 4155, 56847, 727, 0, 69, 24)));
    }

    [Test]
    public void Iowait_counts_as_idle_and_steal_as_busy()
    {
        var times = new CpuTimes("cpu", User: 10, Nice: 1, System: 5, Idle: 100, Iowait: 7, Irq: 2, Softirq: 3, Steal: 4);

        Assert.That(times.IdleTotal, Is.EqualTo(107));
        Assert.That(times.Busy, Is.EqualTo(25));
    }

    [Test]
    public void Text_without_an_aggregate_cpu_line_is_refused() =>
        Assert.That(() => ProcStatParser.Parse("intr 1 2 3\nctxt 5\n"), Throws.TypeOf<FormatException>());
}
