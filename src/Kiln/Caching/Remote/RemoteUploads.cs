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
    private readonly List<Task<long?>> _pending = [];

    /// <summary>Starts <paramref name="upload"/>, which returns the bytes it sent (0 when the server had everything) or null when it failed.</summary>
    public void Enqueue(string what, Func<CancellationToken, Task<long?>> upload, CancellationToken cancellationToken)
    {
        if (!client.Options.CanWrite || !client.IsOn)
            return;
        lock (_lock)
            _pending.Add(RunAsync(what, upload, cancellationToken));
    }

    /// <summary>Waits for every queued upload; the line for the summary, or null when nothing was queued since the last flush.</summary>
    public async Task<string?> FlushAsync()
    {
        List<Task<long?>> pending;
        lock (_lock)
        {
            pending = [.. _pending];
            _pending.Clear();
        }

        if (pending.Count == 0)
            return null;
        var results = await Task.WhenAll(pending);
        var uploaded = results.Where(bytes => bytes is not null).ToList();
        var failed = results.Length - uploaded.Count;
        var line = $"remote cache: uploaded {uploaded.Count} entr{(uploaded.Count == 1 ? "y" : "ies")}, {Megabytes(uploaded.Sum(b => b!.Value))}"
            + (uploaded.Count(b => b == 0) is > 0 and var present ? $" ({present} already there)" : "")
            + (failed > 0 ? $"; {failed} not uploaded{(client.OffReason is { } reason ? $" ({reason})" : "")}" : "");
        log.WriteLine(line);
        return line;
    }

    private async Task<long?> RunAsync(string what, Func<CancellationToken, Task<long?>> upload, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return client.IsOn ? await upload(cancellationToken) : null;
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
