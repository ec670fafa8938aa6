using System.Text;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Fingerprints;

/// <summary>A named input whose value differs; a null side means the input was absent there.</summary>
public sealed record NamedInputChange(string Name, string? Previous, string? Current);

/// <summary>
/// Why two fingerprints differ: the files added, removed and changed under the root, and the named inputs whose
/// values changed. Used to explain a cache miss against the nearest entry in the store.
/// </summary>
public sealed class FingerprintDiff
{
    private const int NamesInParagraph = 3;

    private FingerprintDiff(
        IReadOnlyList<string> added,
        IReadOnlyList<string> removed,
        IReadOnlyList<string> changed,
        IReadOnlyList<NamedInputChange> changedInputs)
    {
        Added = added;
        Removed = removed;
        Changed = changed;
        ChangedInputs = changedInputs;
    }

    public IReadOnlyList<string> Added { get; }

    public IReadOnlyList<string> Removed { get; }

    public IReadOnlyList<string> Changed { get; }

    public IReadOnlyList<NamedInputChange> ChangedInputs { get; }

    public bool IsEmpty => Count == 0;

    /// <summary>How many inputs differ; the nearest cache entry is the one with the fewest.</summary>
    public int Count => Added.Count + Removed.Count + Changed.Count + ChangedInputs.Count;

    public static FingerprintDiff Between(FingerprintInputs previous, FingerprintInputs current)
    {
        var added = current.Files.Keys.Where(path => !previous.Files.ContainsKey(path)).ToList();
        var removed = previous.Files.Keys.Where(path => !current.Files.ContainsKey(path)).ToList();
        var changed = current.Files
            .Where(file => previous.Files.TryGetValue(file.Key, out var before) && before != file.Value)
            .Select(file => file.Key)
            .ToList();
        var changedInputs = previous.Named.Keys.Union(current.Named.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new NamedInputChange(name, previous.Named.GetValueOrDefault(name), current.Named.GetValueOrDefault(name)))
            .Where(change => change.Previous != change.Current)
            .ToList();
        return new FingerprintDiff(added, removed, changed, changedInputs);
    }

    /// <summary>One short paragraph, e.g. <c>1 file changed (fio/build.sh); input toolchain changed: 'gcc 12.2' -> 'gcc 13.1'.</c></summary>
    public string ToParagraph()
    {
        if (IsEmpty)
            return "No input differs.";
        var parts = new List<string>();
        AddFiles(parts, Changed, "changed");
        AddFiles(parts, Added, "added");
        AddFiles(parts, Removed, "removed");
        parts.AddRange(ChangedInputs.Select(change => $"input {change.Name} {Describe(change)}"));
        return string.Join("; ", parts) + ".";
    }

    /// <summary>Every difference on its own line, files with their old and new digests.</summary>
    public IReadOnlyList<string> ToDetailedLines(FingerprintInputs previous, FingerprintInputs current)
    {
        var lines = new List<string>();
        lines.AddRange(Changed.Select(path => $"changed  {path}: {previous.Files[path]} -> {current.Files[path]}"));
        lines.AddRange(Added.Select(path => $"added    {path}: {current.Files[path]}"));
        lines.AddRange(Removed.Select(path => $"removed  {path}: {previous.Files[path]}"));
        foreach (var change in ChangedInputs)
        {
            if (IsMultiLine(change))
            {
                lines.Add($"input    {change.Name}: changed lines:");
                lines.AddRange(LineDiff.ChangedLines(change.Previous!, change.Current!).Select(line => "  " + line));
            }
            else
                lines.Add($"input    {change.Name}: {Describe(change)}");
        }

        return lines;
    }

    public override string ToString() => ToParagraph();

    private static void AddFiles(List<string> parts, IReadOnlyList<string> paths, string verb)
    {
        if (paths.Count == 0)
            return;
        var text = new StringBuilder().Append(paths.Count).Append(paths.Count == 1 ? " file " : " files ").Append(verb).Append(" (");
        text.AppendJoin(", ", paths.Take(NamesInParagraph));
        if (paths.Count > NamesInParagraph)
            text.Append(", and ").Append(paths.Count - NamesInParagraph).Append(" more");
        parts.Add(text.Append(')').ToString());
    }

    /// <summary>
    /// Multi-line inputs such as the toolchain description are explained by the lines that differ: two truncated
    /// prefixes of them look identical and hide the line that changed.
    /// </summary>
    private static bool IsMultiLine(NamedInputChange change) =>
        change is { Previous: { } previous, Current: { } current } && (previous.Contains('\n') || current.Contains('\n'));

    private static string Describe(NamedInputChange change) => (change.Previous, change.Current) switch
    {
        (null, var current) => $"added: '{current}'",
        (var previous, null) => $"removed (was '{previous}')",
        var (previous, current) when IsMultiLine(change) => $"changed: '{Shorten(FirstChanged(previous, current, '-'))}' -> '{Shorten(FirstChanged(previous, current, '+'))}'",
        var (previous, current) => $"changed: '{Shorten(previous)}' -> '{Shorten(current)}'",
    };

    private static string FirstChanged(string? previous, string? current, char side) =>
        LineDiff.ChangedLines(previous ?? "", current ?? "").FirstOrDefault(line => line[0] == side)?[1..] ?? "";

    private static string Shorten(string? value)
    {
        var line = (value ?? string.Empty).ReplaceLineEndings(" ");
        return line.Length <= 80 ? line : line[..77] + "...";
    }
}
