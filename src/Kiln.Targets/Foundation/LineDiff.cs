using System.Text;

namespace Kiln.Targets.Foundation;

/// <summary>A unified-style line diff, small enough for generated files of a few hundred lines.</summary>
public static class LineDiff
{
    private const int ContextLines = 3;

    public static string Unified(string oldText, string newText, string oldLabel, string newLabel)
    {
        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var edits = Edits(oldLines, newLines);

        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            var hunk = edits.Skip(start).Take(end - start).ToList();
            var oldStart = hunk.FirstOrDefault(edit => edit.Kind != '+').OldIndex;
            var newStart = hunk.FirstOrDefault(edit => edit.Kind != '-').NewIndex;
            var oldCount = hunk.Count(edit => edit.Kind != '+');
            var newCount = hunk.Count(edit => edit.Kind != '-');
            output.Append($"@@ -{oldStart + 1},{oldCount} +{newStart + 1},{newCount} @@\n");
            foreach (var edit in hunk)
                output.Append(edit.Kind).Append(edit.Line).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>Only the removed (<c>-</c>) and added (<c>+</c>) lines, in order, without headers or context.</summary>
    public static IEnumerable<string> ChangedLines(string oldText, string newText) =>
        Edits(SplitLines(oldText), SplitLines(newText)).Where(edit => edit.Kind != ' ').Select(edit => edit.Kind + edit.Line);

    private readonly record struct Edit(char Kind, string Line, int OldIndex, int NewIndex);

    private static string[] SplitLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>The edit script along a longest common subsequence.</summary>
    private static List<Edit> Edits(string[] oldLines, string[] newLines)
    {
        var common = new int[oldLines.Length + 1, newLines.Length + 1];
        for (var i = oldLines.Length - 1; i >= 0; i--)
        for (var j = newLines.Length - 1; j >= 0; j--)
            common[i, j] = oldLines[i] == newLines[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var edits = new List<Edit>();
        int oldIndex = 0, newIndex = 0;
        while (oldIndex < oldLines.Length || newIndex < newLines.Length)
        {
            if (oldIndex < oldLines.Length && newIndex < newLines.Length && oldLines[oldIndex] == newLines[newIndex])
                edits.Add(new Edit(' ', oldLines[oldIndex], oldIndex++, newIndex++));
            else if (oldIndex < oldLines.Length && (newIndex == newLines.Length || common[oldIndex + 1, newIndex] >= common[oldIndex, newIndex + 1]))
                edits.Add(new Edit('-', oldLines[oldIndex], oldIndex++, newIndex));
            else
                edits.Add(new Edit('+', newLines[newIndex], oldIndex, newIndex++));
        }
        return edits;
    }

    /// <summary>Ranges of the edit script around changes, merged when their context would overlap.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var changes = Enumerable.Range(0, edits.Count).Where(index => edits[index].Kind != ' ').ToList();
        var index = 0;
        while (index < changes.Count)
        {
            var start = Math.Max(0, changes[index] - ContextLines);
            var last = changes[index];
            while (index + 1 < changes.Count && changes[index + 1] - last <= 2 * ContextLines)
                last = changes[++index];
            index++;
            yield return (start, Math.Min(edits.Count, last + ContextLines + 1));
        }
    }
}
