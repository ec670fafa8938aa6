namespace Kiln.Caching.Remote;

/// <summary>Everything one run uses of the remote cache: one client (so one outage turns it off for every use), one upload queue.</summary>
internal sealed class RemoteTier : IDisposable
{
    private readonly RemoteCacheClient _client;
    private readonly TextWriter _log;

    public RemoteTier(RemoteCacheOptions options, TextWriter log)
    {
        _client = new RemoteCacheClient(options, log);
        _log = log;
        Uploads = new RemoteUploads(_client, log);
        Packages = new RemoteSourcePackages(_client, Uploads);
    }

    public RemoteUploads Uploads { get; }

    public RemoteSourcePackages Packages { get; }

    /// <summary>
    /// Opens the connection and readies the HTTP stack in the background, so the first restore does not pay for them
    /// (about 80 ms in a fresh process). An unreachable server or a refused token is found here, with the same warning.
    /// </summary>
    public void WarmUp() => _ = _client.GetAsync(RemoteEntries.MetadataPath(new string('0', 64)), maxBytes: 1024 * 1024, CancellationToken.None);

    public RemoteCacheOptions Options => _client.Options;

    /// <summary>Queues the upload of an entry committed in <paramref name="local"/>; false when uploads are off for this run.</summary>
    public bool EnqueueUpload(ToolsCacheStore local, ToolsCacheEntry entry, CancellationToken cancellationToken) =>
        Uploads.Enqueue("entry", $"{entry.Scope} {entry.Fingerprint[..12]}",
            token => new RemoteEntries(_client, _log).UploadAsync(entry, local.ArchivePath(entry.Scope, entry.Fingerprint), token), cancellationToken);

    /// <summary>Each entry the server holds with other bytes than this build made, with diffoscope's account of the difference.</summary>
    public Task<string> DescribeAsync(IReadOnlyList<Divergence> divergences, ToolsCacheStore local, CancellationToken cancellationToken) =>
        new DivergenceReport(_client).DescribeAsync(divergences, local, cancellationToken);

    /// <summary>The remote tier layered under <paramref name="local"/>.</summary>
    public IToolsCacheStore Over(ToolsCacheStore local) => new TieredToolsCacheStore(local, new RemoteEntries(_client, _log), Uploads);

    public void Dispose() => _client.Dispose();
}
