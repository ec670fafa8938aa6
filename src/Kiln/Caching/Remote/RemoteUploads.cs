namespace Kiln.Caching.Remote;

/// <summary>
/// Write-behind: uploads start as soon as an entry is saved locally and run beside the build, two at a time; the
/// stage that queued them waits for them at its end (<see cref="FlushAsync"/>). A failed upload is a warning: the
/// build's result is in the local cache either way.
/// </summary>
internal sealed class RemoteUploads(RemoteCacheClient client, TextWriter log)
{
    private const int MaxParallel = 2;
    private readonly SemaphoreSlim _slots = new(MaxParallel);
    private readonly Lock _lock = new();
    private readonly List<(string Kind, Task<UploadedBlobs?> Upload)> _pending = [];

    /// <summary>
    /// Starts <paramref name="upload"/>, which returns what it sent, or null when it failed. <paramref name="kind"/> names what is counted in the summary, e.g. <c>entry</c>.
    /// </summary>
    public void Enqueue(string kind, string what, Func<CancellationToken, Task<UploadedBlobs?>> upload, CancellationToken cancellationToken)
    {
        if (!client.CanUpload)
            return;
        lock (_lock)
            _pending.Add((kind, RunAsync(what, upload, cancellationToken)));
    }

    /// <summary>Waits for every queued upload; the line for the summary, or null when nothing was queued since the last flush.</summary>
    public async Task<string?> FlushAsync()
    {
        List<(string Kind, Task<UploadedBlobs?> Upload)> pending;
        lock (_lock)
        {
            pending = [.. _pending];
            _pending.Clear();
        }

        if (pending.Count == 0)
            return null;
        await Task.WhenAll(pending.Select(p => p.Upload));
        var uploaded = pending.Where(p => p.Upload.Result is not null).ToList();
        var counts = uploaded.GroupBy(p => p.Kind).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => Count(group.Count(), group.Key));
        var failed = pending.Count - uploaded.Count;
        var line = $"remote cache: uploaded {(uploaded.Count == 0 ? "nothing" : string.Join(" and ", counts))}, {Megabytes(uploaded.Sum(p => p.Upload.Result!.Value.Bytes))}"
            + (uploaded.Sum(p => p.Upload.Result!.Value.AlreadyThere) is > 0 and var present ? $" ({Count(present, "blob")} already there)" : "")
            + (failed > 0 ? $"; {failed} not uploaded{(client.UploadsOffReason is { } reason ? $" ({reason})" : "")}" : "");
        log.WriteLine(line);
        return line;
    }

    private static string Count(int count, string kind) =>
        $"{count} {(count == 1 ? kind : kind.EndsWith('y') ? kind[..^1] + "ies" : kind + "s")}";

    private async Task<UploadedBlobs?> RunAsync(string what, Func<CancellationToken, Task<UploadedBlobs?>> upload, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return client.CanUpload ? await upload(cancellationToken) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The local entry was evicted or removed since it was saved: nothing left to upload.
            log.WriteLine($"warning: remote cache: {what} not uploaded: {client.Redact(exception.Message)}");
            return null;
        }
        finally
        {
            _slots.Release();
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}
