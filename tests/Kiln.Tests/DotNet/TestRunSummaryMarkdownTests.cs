using Kiln.DotNet;

namespace Kiln.Tests.DotNet;

public class TestRunSummaryMarkdownTests
{
    private static TestResult Result(string name, TestOutcome outcome) => new(name, outcome, TimeSpan.FromSeconds(1));

    [Test]
    public void A_green_run_shows_its_counts_in_a_table_and_lists_nothing_else()
    {
        var summary = new TestRunSummary([Result("a", TestOutcome.Passed), Result("b", TestOutcome.Passed), Result("c", TestOutcome.Skipped)]);

        var markdown = TestRunSummaryMarkdown.Render(summary, problems: []);

        Assert.That(markdown, Is.EqualTo("### Tests\n\n| Passed | Failed | Skipped |\n|---:|---:|---:|\n| 2 | 0 | 1 |\n"));
    }

    [Test]
    public void A_red_run_lists_every_failed_test_by_name_escaped_one_per_line()
    {
        var summary = new TestRunSummary(
        [
            Result("Kiln.Tests.ArchiveTests.Entries_are_sorted", TestOutcome.Failed),
            Result("Kiln.Tests.Cases(\"a|b\",\"<x>\")", TestOutcome.Failed),
            Result("Kiln.Tests.Fine", TestOutcome.Passed),
        ]);

        var markdown = TestRunSummaryMarkdown.Render(summary, problems: []);

        Assert.That(markdown, Does.Contain("| 1 | 2 | 0 |\n"));
        Assert.That(markdown, Does.EndWith("\nFailed tests:\n\n"
            + "- Kiln.Tests.ArchiveTests.Entries\\_are\\_sorted\n"
            + "- Kiln.Tests.Cases(\"a\\|b\",\"\\<x\\>\")\n"));
    }

    [Test]
    public void What_made_a_project_untrustworthy_is_listed_after_the_failed_tests()
    {
        var summary = new TestRunSummary([Result("Kiln.Tests.Fine", TestOutcome.Passed)]);

        var markdown = TestRunSummaryMarkdown.Render(summary, problems: ["Kiln.Tests: the test host crashed\nafter 12 tests"]);

        Assert.That(markdown, Does.EndWith("\nProblems:\n\n- Kiln.Tests: the test host crashed<br>after 12 tests\n"));
    }
}
