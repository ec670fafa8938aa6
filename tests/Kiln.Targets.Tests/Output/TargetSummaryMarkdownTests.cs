using Kiln.Targets.Execution;
using Kiln.Targets.Output;
using Kiln.Targets.Results;

namespace Kiln.Targets.Tests.Output;

public sealed class TargetSummaryMarkdownTests
{
    [Test]
    public void Every_target_is_a_row_with_its_status_duration_and_note_under_a_heading_naming_the_requested_targets()
    {
        TargetResult[] results =
        [
            new("Restore", TargetStatus.Succeeded, TimeSpan.FromSeconds(2.5)),
            new("Tools", TargetStatus.Skipped, TimeSpan.Zero, "x86_64: hit 3f2a9c01d4e5"),
            new("Dist", TargetStatus.Succeeded, TimeSpan.FromSeconds(75)),
        ];

        var markdown = TargetSummaryMarkdown.Render(["Dist"], results, TimeSpan.FromSeconds(80));

        Assert.That(markdown, Is.EqualTo("""
            ### Dist: Build succeeded in 1:20.

            | Target | Status | Duration | Note |
            |---|---|---:|---|
            | Restore | Succeeded | 2.5s |  |
            | Tools | Skipped |  | x86\_64: hit 3f2a9c01d4e5 |
            | Dist | Succeeded | 1:15 |  |
            | Total | | 1:20 | |

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_note_with_a_pipe_or_a_line_break_stays_in_its_cell()
    {
        TargetResult[] results = [new("Test", TargetStatus.Failed, TimeSpan.FromSeconds(1), "1 passed | 2 failed\nsee the log")];

        var row = TargetSummaryMarkdown.Render(["Test"], results, TimeSpan.FromSeconds(1)).Split('\n').Single(line => line.StartsWith("| Test", StringComparison.Ordinal));

        Assert.That(row, Is.EqualTo(@"| Test | Failed | 1.0s | 1 passed \| 2 failed<br>see the log |"));
    }
}
