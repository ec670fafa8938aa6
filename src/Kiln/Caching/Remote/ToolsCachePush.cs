using Kiln.Targets.Fingerprints;

namespace Kiln.Caching.Remote;

/// <summary>
/// Seeds a remote cache from a local store: the entries of the given keys (or every entry the store holds) that the
/// server lacks, with the uploads' own rules (an entry the server has is kept, blob before metadata, signed when a
/// signing key is set). A build uploads only what it creates, never a local hit, so without this a team's first server
/// stays empty until every tool is rebuilt somewhere. Each archive is checked against its recorded digest first: a
/// damaged local entry would otherwise be published for every reader to refuse.
/// </summary>
internal sealed class ToolsCachePush(ToolsCacheStore local, RemoteTier remote, TextWriter log)
{
    /// <param name="keys">The (scope, fingerprint) of each entry to push; null pushes every entry of the local store.</param>
    /// <returns>The summary: what the local store held of what was asked, and what the server was sent.</returns>
    public async Task<IReadOnlyList<string>> PushAsync(IReadOnlyList<(string Scope, string Fingerprint)>? keys, CancellationToken cancellationToken)
    {
        var entries = keys is null ? local.List().OrderBy(e => e.Scope, StringComparer.Ordinal).ToList() : Committed(keys);
        var missing = keys is null ? [] : keys.Where(k => !entries.Any(e => e.Scope == k.Scope && e.Fingerprint == k.Fingerprint)).ToList();
        var damaged = new List<ToolsCacheEntry>();
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsIntact(entry))
                damaged.Add(entry);
            else if (!remote.EnqueueUpload(local, entry, cancellationToken))
                break;
        }

        foreach (var entry in damaged)
            log.WriteLine($"warning: local entry {entry.Scope} {entry.Fingerprint[..12]} not pushed: its archive does not match its recorded SHA-256 and size (it is quarantined on its next restore)");
        var lines = new List<string>
        {
            $"local cache: {Count(entries.Count, "entry", "entries")} to push"
            + (missing.Count > 0 ? $"; {missing.Count} of the keys not in it ({string.Join(", ", missing.Select(k => $"{k.Scope} {k.Fingerprint[..12]}"))})" : "")
            + (damaged.Count > 0 ? $"; {damaged.Count} damaged, not pushed" : ""),
        };
        if (await remote.Uploads.FlushAsync() is { } uploaded)
            lines.Add(uploaded);
        return lines;
    }

    private List<ToolsCacheEntry> Committed(IReadOnlyList<(string Scope, string Fingerprint)> keys) =>
        keys.Select(k => local.List(k.Scope).FirstOrDefault(e => e.Fingerprint == k.Fingerprint)).OfType<ToolsCacheEntry>().ToList();

    private bool IsIntact(ToolsCacheEntry entry)
    {
        var archive = new FileInfo(local.ArchivePath(entry.Scope, entry.Fingerprint));
        return archive.Exists && archive.Length == entry.ArchiveSize && ContentHash.OfFile(archive.FullName) == entry.ArchiveSha256;
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
