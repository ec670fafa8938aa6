namespace Kiln.Caching.Remote;

/// <summary>
/// Write-behind: uploads start as soon as an entry is saved locally and run beside the build, two at a time; the
/// stage that queued them waits for them at its end (<see cref="FlushAsync"/>), also when it failed or was cancelled,
/// so the run always says what did not reach the server. A failed or cancelled upload is a warning: the build's result
/// is in the local cache either way, and the server never sees metadata before its blob.
/// </summary>
internal sealed class RemoteUploads(RemoteCacheClient client, TextWriter log)
{
    private const int MaxParallel = 2;
    private readonly SemaphoreSlim _slots = new(MaxParallel);
    private readonly Lock _lock = new();
    private readonly List<PendingUpload> _pending = [];
    private readonly List<Divergence> _divergences = [];

    /// <summary>
    /// Starts <paramref name="upload"/>, which returns what it sent, or null when it failed. <paramref name="kind"/>
    /// names what is counted in the summary, e.g. <c>entry</c>; <paramref name="what"/> names this one, e.g.
    /// <c>x86_64 3f2a9c01d4e5</c>, when it is not uploaded.
    /// </summary>
    /// <returns>False when uploads are off, so nothing was queued.</returns>
    public bool Enqueue(string kind, string what, Func<CancellationToken, Task<UploadedBlobs?>> upload, CancellationToken cancellationToken)
    {
        if (!client.CanUpload)
            return false;
        lock (_lock)
            _pending.Add(new PendingUpload(kind, what, RunAsync(what, upload, cancellationToken)));
        return true;
    }

    /// <summary>
    /// Waits for every queued upload, cancelled ones included; the line for the summary, or null when nothing was
    /// queued since the last flush. Never throws: a cancelled upload is one not uploaded.
    /// </summary>
    public async Task<string?> FlushAsync()
    {
        List<PendingUpload> pending;
        lock (_lock)
        {
            pending = [.. _pending];
            _pending.Clear();
        }

        if (pending.Count == 0)
            return null;
        var outcomes = await Task.WhenAll(pending.Select(p => p.Upload));
        var done = pending.Zip(outcomes).Where(p => p.Second.Blobs is not null).Select(p => (p.First.Kind, Blobs: p.Second.Blobs!.Value)).ToList();
        var uploaded = done.Where(p => !p.Blobs.EntryWasThere).ToList();
        var present = done.Count - uploaded.Count;
        var diverged = done.Select(p => p.Blobs.Divergence).OfType<Divergence>().ToList();
        lock (_lock)
            _divergences.AddRange(diverged);
        var counts = uploaded.GroupBy(p => p.Kind).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => Count(group.Count(), group.Key));
        var line = $"remote cache: uploaded {(uploaded.Count == 0 ? "nothing" : string.Join(" and ", counts))}, {Megabytes(uploaded.Sum(p => p.Blobs.Bytes))}"
            + (uploaded.Sum(p => p.Blobs.AlreadyThere) is > 0 and var blobs ? $" ({Count(blobs, "blob")} already there)" : "")
            + (present > 0 ? $"; {present} already on the server{(diverged.Count > 0 ? $" ({diverged.Count} with other bytes than this build made)" : "")}" : "")
            + NotUploaded(pending.Zip(outcomes).Where(p => p.Second.Blobs is null).ToList());
        log.WriteLine(line);
        return line;
    }

    /// <summary>The entries found on the server with other bytes than this build made, since the last call; the list is then emptied.</summary>
    public IReadOnlyList<Divergence> TakeDivergences()
    {
        lock (_lock)
        {
            var taken = _divergences.ToList();
            _divergences.Clear();
            return taken;
        }
    }

    /// <summary>How many were not uploaded, which, and why: cancelled, or why uploads stopped.</summary>
    private string NotUploaded(IReadOnlyList<(PendingUpload Upload, UploadOutcome Outcome)> failed)
    {
        if (failed.Count == 0)
            return "";
        var cancelled = failed.Where(f => f.Outcome.Cancelled).Select(f => f.Upload.What).ToList();
        var stopped = failed.Where(f => !f.Outcome.Cancelled).Select(f => f.Upload.What).ToList();
        var reasons = new List<string>();
        if (stopped.Count > 0)
            reasons.Add($"{string.Join(", ", stopped)}{(client.UploadsOffReason is { } reason ? $" ({reason})" : "")}");
        if (cancelled.Count > 0)
            reasons.Add($"{string.Join(", ", cancelled)} (cancelled)");
        return $"; {failed.Count} not uploaded: {string.Join("; ", reasons)}";
    }

    private static string Count(int count, string kind) =>
        $"{count} {(count == 1 ? kind : kind.EndsWith('y') ? kind[..^1] + "ies" : kind + "s")}";

    private async Task<UploadOutcome> RunAsync(string what, Func<CancellationToken, Task<UploadedBlobs?>> upload, CancellationToken cancellationToken)
    {
        var holdsSlot = false;
        try
        {
            await _slots.WaitAsync(cancellationToken);
            holdsSlot = true;
            return new UploadOutcome(client.CanUpload ? await upload(cancellationToken) : null, Cancelled: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run was cancelled (Ctrl-C): the blob's PUT, if one was under way, is abandoned and its metadata never sent.
            return new UploadOutcome(null, Cancelled: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The local entry was evicted or removed since it was saved: nothing left to upload.
            log.WriteLine($"warning: remote cache: {what} not uploaded: {client.Redact(exception.Message)}");
            return new UploadOutcome(null, Cancelled: false);
        }
        finally
        {
            if (holdsSlot)
                _slots.Release();
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";

    private sealed record PendingUpload(string Kind, string What, Task<UploadOutcome> Upload);

    /// <summary>What an upload sent, or null when it did not finish; <paramref name="Cancelled"/> says whether the run stopped it.</summary>
    private sealed record UploadOutcome(UploadedBlobs? Blobs, bool Cancelled);
}
