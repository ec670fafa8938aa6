using System.Text;
using Kiln.Targets.Foundation;
using Kiln.Targets.Results;

namespace Kiln.Targets.Output;

/// <summary>
/// The summary table the console prints at the end of a build, as Markdown for a CI job's summary page: the same rows,
/// durations and notes, under a heading naming the requested targets, since one job may run several builds.
/// </summary>
internal static class TargetSummaryMarkdown
{
    public static string Render(IReadOnlyList<string> requested, IReadOnlyList<TargetResult> results, TimeSpan total)
    {
        var text = new StringBuilder();
        text.Append($"### {GitHubActions.EscapeMarkdown(string.Join(", ", requested))}: {BuildConsole.Outcome(results, total)}\n\n");
        text.Append("| Target | Status | Duration | Note |\n");
        text.Append("|---|---|---:|---|\n");
        foreach (var result in results)
            text.Append($"| {GitHubActions.EscapeMarkdown(result.Name)} | {result.Status} | {BuildConsole.Duration(result)} | {GitHubActions.EscapeMarkdown(result.Note ?? "")} |\n");
        text.Append($"| Total | | {BuildConsole.Format(total)} | |\n");
        return text.ToString();
    }
}
