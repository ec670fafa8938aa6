using Kiln.Targets.Fingerprints;

namespace Kiln.Caching;

/// <summary>The store entry closest to a set of inputs, and what differs.</summary>
internal sealed record ToolsCacheNearest(ToolsCacheEntry Entry, FingerprintDiff Diff);

internal sealed partial class ToolsCacheStore
{
    /// <summary>Every readable committed entry, optionally of one scope. Unreadable metadata is skipped (a restore quarantines it).</summary>
    public IReadOnlyList<ToolsCacheEntry> List(string? scope = null)
    {
        if (!Directory.Exists(Root))
            return [];
        var directories = scope is null ? Directory.EnumerateDirectories(Root) : [ScopeDirectory(scope)];
        var entries = new List<ToolsCacheEntry>();
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var metadataPath in Directory.EnumerateFiles(directory, "*.json"))
            {
                if (Path.GetFileName(metadataPath).StartsWith('.'))
                    continue;
                try
                {
                    var lastUsed = File.GetLastWriteTimeUtc(Path.ChangeExtension(metadataPath, ".tgz"));
                    entries.Add(ToolsCacheEntry.FromJson(File.ReadAllText(metadataPath), new DateTimeOffset(lastUsed, TimeSpan.Zero)));
                }
                catch (Exception exception) when (exception is IOException or InvalidDataException)
                {
                    // Removed or rewritten concurrently, or damaged: not an entry to list.
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// The entry of <paramref name="scope"/> whose inputs differ least from <paramref name="inputs"/> (most recently
    /// used on a tie), with the difference; null when the store holds nothing for that scope. Explains a miss.
    /// </summary>
    public ToolsCacheNearest? FindNearest(string scope, FingerprintInputs inputs) =>
        List(scope)
            .Select(entry => new ToolsCacheNearest(entry, FingerprintDiff.Between(entry.Inputs, inputs)))
            .OrderBy(nearest => nearest.Diff.Count)
            .ThenByDescending(nearest => nearest.Entry.LastUsed)
            .FirstOrDefault();
}
