using Kiln.Targets.Fingerprints;

namespace Kiln.Caching.Remote;

/// <summary>
/// The local store in front of a remote one: read-through, write-behind. A restore asks the local store first; on a
/// local miss it restores the verified remote entry and imports it into the local store, so the next run finds it
/// there. A save publishes locally, then queues the upload when the mode allows writing.
/// </summary>
internal sealed class TieredToolsCacheStore(ToolsCacheStore local, RemoteEntries remote, RemoteUploads uploads) : IToolsCacheStore
{
    public async Task<ToolsCacheRestoreResult> TryRestoreAsync(string scope, string fingerprint, string destination, CancellationToken cancellationToken = default)
    {
        var fromLocal = await local.TryRestoreAsync(scope, fingerprint, destination, cancellationToken);
        if (fromLocal.IsHit)
            return fromLocal;

        var (entry, refusal) = await remote.TryRestoreAsync(scope, fingerprint, destination, local, cancellationToken);
        return entry is null
            ? fromLocal with { Reason = $"{fromLocal.Reason}; {refusal}" }
            : ToolsCacheRestoreResult.Hit(entry) with { Tier = ToolsCacheRestoreResult.RemoteTier };
    }

    public async Task<ToolsCacheEntry> SaveAsync(
        string scope,
        string fingerprint,
        FingerprintInputs inputs,
        string sourceDirectory,
        IReadOnlyDictionary<string, string>? summary = null,
        CancellationToken cancellationToken = default)
    {
        var entry = await local.SaveAsync(scope, fingerprint, inputs, sourceDirectory, summary, cancellationToken);
        var archivePath = local.ArchivePath(scope, fingerprint);
        uploads.Enqueue("entry", $"{scope} {fingerprint[..12]}", token => remote.UploadAsync(entry, archivePath, token), cancellationToken);
        return entry;
    }

    /// <summary>The nearest local entry: the servers Kiln speaks to (nginx, bazel-remote) offer no listing it reads.</summary>
    public ToolsCacheNearest? FindNearest(string scope, FingerprintInputs inputs) => local.FindNearest(scope, inputs);

    /// <summary>Empties the local store only: a shared server is the team's, not this checkout's.</summary>
    public void Clear() => local.Clear();
}
