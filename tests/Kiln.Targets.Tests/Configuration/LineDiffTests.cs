using Kiln.Targets.Configuration;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests.Configuration;

public sealed class LineDiffTests
{
    [Test]
    public void A_changed_line_shows_as_removed_and_added_within_its_context()
    {
        var oldText = string.Concat(Enumerable.Range(1, 10).Select(line => $"line {line}\n"));
        var newText = oldText.Replace("line 5\n", "line five\n", StringComparison.Ordinal);

        var diff = LineDiff.Unified(oldText, newText, "a/file", "b/file");

        Assert.That(diff, Is.EqualTo("--- a/file\n+++ b/file\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n"));
    }

    [Test]
    public void Distant_changes_get_separate_hunks()
    {
        var oldText = string.Concat(Enumerable.Range(1, 30).Select(line => $"line {line}\n"));
        var newText = oldText.Replace("line 2\n", "", StringComparison.Ordinal).Replace("line 29\n", "line 29\nadded\n", StringComparison.Ordinal);

        var diff = LineDiff.Unified(oldText, newText, "a", "b");

        Assert.That(diff.Split('\n').Where(line => line.StartsWith("@@", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "@@ -1,5 +1,4 @@", "@@ -27,4 +26,5 @@" }));
    }
}
