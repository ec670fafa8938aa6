using System.Text;
using Kiln.Targets.Foundation;

namespace Kiln.DotNet;

/// <summary>
/// A test run's counts, the names of its failed tests and what made a project's results untrustworthy (a crashed or hung
/// test host), as Markdown for a CI job's summary page: what a reader of a red run wants first, without opening the log
/// or the TRX files.
/// </summary>
internal static class TestRunSummaryMarkdown
{
    public static string Render(TestRunSummary summary, IReadOnlyList<string> problems)
    {
        var text = new StringBuilder();
        text.Append("### Tests\n\n");
        text.Append("| Passed | Failed | Skipped |\n");
        text.Append("|---:|---:|---:|\n");
        text.Append($"| {summary.Passed} | {summary.Failed} | {summary.Skipped} |\n");
        if (summary.FailedTests.Count > 0)
        {
            text.Append("\nFailed tests:\n\n");
            foreach (var name in summary.FailedTests)
                text.Append($"- {GitHubActions.EscapeMarkdown(name)}\n");
        }
        if (problems.Count > 0)
        {
            text.Append("\nProblems:\n\n");
            foreach (var problem in problems)
                text.Append($"- {GitHubActions.EscapeMarkdown(problem)}\n");
        }
        return text.ToString();
    }
}
