using Kiln.DotNet;

namespace Kiln.Tests.DotNet;

public class TestRunSummaryTests
{
    [Test]
    public void The_slowest_tests_come_longest_first_and_ties_by_name()
    {
        var summary = new TestRunSummary(
        [
            new TestResult("b", TestOutcome.Passed, TimeSpan.FromSeconds(2)),
            new TestResult("quick", TestOutcome.Passed, TimeSpan.FromSeconds(1)),
            new TestResult("slow", TestOutcome.Failed, TimeSpan.FromSeconds(9)),
            new TestResult("a", TestOutcome.Skipped, TimeSpan.FromSeconds(2)),
        ]);

        var slowest = summary.Slowest(3);

        Assert.That(slowest.Select(t => t.Name), Is.EqualTo(new[] { "slow", "a", "b" }));
    }

    [Test]
    public void Counts_and_failed_names_come_from_the_outcomes()
    {
        var summary = new TestRunSummary(
        [
            new TestResult("ok", TestOutcome.Passed, TimeSpan.Zero),
            new TestResult("broken", TestOutcome.Failed, TimeSpan.Zero),
            new TestResult("ignored", TestOutcome.Skipped, TimeSpan.Zero),
        ]);

        Assert.That(summary.ToString(), Is.EqualTo("1 passed, 1 failed, 1 skipped"));
        Assert.That(summary.FailedTests, Is.EqualTo(new[] { "broken" }));
    }
}
