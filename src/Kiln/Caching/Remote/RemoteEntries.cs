using System.Net.Http.Headers;
using System.Text;
using Kiln.Archives;

namespace Kiln.Caching.Remote;

/// <summary>
/// Tools cache entries on a server with Bazel's HTTP cache layout: the metadata at <c>ac/&lt;fingerprint&gt;</c>, the
/// archive at <c>cas/&lt;sha256&gt;</c>. A fetched entry is verified exactly like a local one (metadata names the key,
/// the archive has the recorded size and SHA-256, the signature when signing is on) and extracted safely before it is
/// imported into the local store. Uploads put the blob first and the metadata last, after the server confirmed the
/// blob's size, so no reader ever sees metadata whose blob is missing or short (nginx writes a PUT's body to a temp file
/// and renames it, so a cancelled or broken upload leaves nothing under the blob's name).
/// </summary>
internal sealed class RemoteEntries(RemoteCacheClient client, TextWriter log)
{
    /// <summary>Metadata documents are a few kilobytes (the inputs list every file under tools/); anything far larger is not one.</summary>
    private const long MaxMetadataBytes = 16 * 1024 * 1024;

    public static string MetadataPath(string fingerprint) => $"ac/{fingerprint}";

    public static string BlobPath(string sha256) => $"cas/{sha256}";

    public RemoteCacheClient Client => client;

    /// <summary>
    /// Downloads and verifies the entry for (<paramref name="scope"/>, <paramref name="fingerprint"/>), extracts it into
    /// <paramref name="destination"/> from the very file it hashed while downloading, and imports it into
    /// <paramref name="local"/>. Returns the entry, or why there is none (the destination is then untouched).
    /// </summary>
    public async Task<(ToolsCacheEntry? Entry, string? Refusal)> TryRestoreAsync(
        string scope, string fingerprint, string destination, ToolsCacheStore local, CancellationToken cancellationToken)
    {
        var metadata = await client.GetAsync(MetadataPath(fingerprint), MaxMetadataBytes, cancellationToken);
        if (metadata is null)
            return (null, client.OffReason is { } off ? $"the remote cache is off for this run ({off})" : $"the remote cache has no entry for {scope} {fingerprint[..12]}");

        var metadataJson = Encoding.UTF8.GetString(metadata);
        ToolsCacheEntry entry;
        try
        {
            entry = ToolsCacheEntry.FromJson(metadataJson, DateTimeOffset.UtcNow);
        }
        catch (InvalidDataException exception)
        {
            return (null, Refused(scope, fingerprint, exception.Message));
        }

        if (MetadataProblem(entry, scope, fingerprint) is { } problem)
            return (null, Refused(scope, fingerprint, problem));

        var staged = local.StagingPath(scope, fingerprint);
        FileStream? file = null;
        try
        {
            HashingWriteStream? hashing = null;
            var found = await client.DownloadAsync(BlobPath(entry.ArchiveSha256), () =>
            {
                file?.Dispose();
                file = new FileStream(staged, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                return hashing = new HashingWriteStream(file);
            }, cancellationToken);
            if (!found)
                return (null, client.OffReason is { } off ? $"the remote cache is off for this run ({off})" : Refused(scope, fingerprint, $"its blob cas/{entry.ArchiveSha256[..12]} is missing"));

            if (hashing!.BytesWritten != entry.ArchiveSize)
                return (null, Refused(scope, fingerprint, $"the blob has {hashing.BytesWritten} bytes, the metadata says {entry.ArchiveSize}"));
            if (hashing.HashHex() is var actual && actual != entry.ArchiveSha256)
                return (null, Refused(scope, fingerprint, $"the blob's SHA-256 is {actual[..12]}, the metadata says {entry.ArchiveSha256[..12]}"));

            file!.Flush(flushToDisk: true);
            file.Position = 0;
            try
            {
                await Task.Run(() => TarGz.Extract(file, destination, cancellationToken), cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or UnsafeArchiveException)
            {
                return (null, Refused(scope, fingerprint, $"the archive does not extract: {exception.Message}"));
            }

            return (local.Import(entry, metadataJson, staged), null);
        }
        finally
        {
            file?.Dispose();
            File.Delete(staged);
        }
    }

    /// <summary>
    /// Uploads a locally committed entry unless the server has one for its key, its blob only when the server lacks it;
    /// null when it failed. The metadata goes up only once the server reports the blob at its full size: a PUT answered
    /// 2xx by a proxy that kept part of the body would otherwise publish an entry every reader refuses.
    /// </summary>
    public async Task<UploadedBlobs?> UploadAsync(ToolsCacheEntry entry, string archivePath, CancellationToken cancellationToken)
    {
        // The server's entry for this key is kept (first writer wins): a cache never flips between two outputs of one key.
        if (await client.GetAsync(MetadataPath(entry.Fingerprint), MaxMetadataBytes, cancellationToken) is { } existing
            && Described(existing, entry) is { } kept)
            return kept.ArchiveSha256 == entry.ArchiveSha256 ? UploadedBlobs.EntryAlreadyThere : Diverged(entry, kept);
        if (!client.CanUpload)
            return null;

        var sent = new UploadedBlobs();
        var blob = BlobPath(entry.ArchiveSha256);
        if (await client.SizeAsync(blob, cancellationToken) == entry.ArchiveSize)
            sent = sent.Skipped();
        else if (client.CanUpload && await client.PutAsync(blob, () => FileContent(archivePath), cancellationToken)
                 && await IsStoredAsync(blob, entry.ArchiveSize, cancellationToken))
            sent = sent.Sent(entry.ArchiveSize);
        else
            return null;

        var metadata = Encoding.UTF8.GetBytes(client.Options.Trust.Sign(entry).ToJson());
        if (!await client.PutAsync(MetadataPath(entry.Fingerprint), () => JsonContent(metadata), cancellationToken))
            return null;
        return sent.Sent(metadata.Length);
    }

    /// <summary>
    /// The server's metadata for <paramref name="entry"/>'s key; null when it is damaged, describes another key or is
    /// not signed by a trusted key, so an upload replaces it (an untrusted entry kept first would be refused forever).
    /// </summary>
    private ToolsCacheEntry? Described(byte[] metadata, ToolsCacheEntry entry)
    {
        try
        {
            var existing = ToolsCacheEntry.FromJson(Encoding.UTF8.GetString(metadata), DateTimeOffset.UtcNow);
            return existing.ProblemFor(entry.Scope, entry.Fingerprint) is null && client.Options.Trust.Problem(existing) is null ? existing : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// One key built into other bytes than the server holds: the recipe is not reproducible (a timestamp, a build path,
    /// an unsorted listing in its output). Said once per entry; nothing is sent.
    /// </summary>
    private UploadedBlobs Diverged(ToolsCacheEntry built, ToolsCacheEntry kept)
    {
        var divergence = new Divergence(built.Scope, built.Fingerprint, kept.ArchiveSha256, built.ArchiveSha256);
        log.WriteLine($"warning: remote cache: {divergence}; the server's entry is kept (first writer wins)");
        return UploadedBlobs.EntryAlreadyThere with { Divergence = divergence };
    }

    /// <summary>Whether the server holds <paramref name="blob"/> at <paramref name="size"/> bytes; when not, uploads stop with one warning.</summary>
    private async Task<bool> IsStoredAsync(string blob, long size, CancellationToken cancellationToken)
    {
        var stored = await client.SizeAsync(blob, cancellationToken);
        if (stored == size)
            return true;
        if (client.IsOn)
            client.StopUploads($"PUT {blob}: the server answered success but then holds {(stored is { } bytes ? $"{bytes} bytes" : "nothing")} under it, not {size}; its metadata is not uploaded");
        return false;
    }

    private string? MetadataProblem(ToolsCacheEntry entry, string scope, string fingerprint)
    {
        if (entry.ProblemFor(scope, fingerprint) is { } mismatch)
            return mismatch;
        // Unlike a local entry's, a remote entry's digest becomes a URL path: it must be a digest and nothing else.
        if (entry.ArchiveSha256.Length != 64 || !entry.ArchiveSha256.All(Uri.IsHexDigit))
            return $"the metadata names no SHA-256 for its archive ('{ToolsCacheEntry.Short(entry.ArchiveSha256)}')";
        return client.Options.Trust.Problem(entry);
    }

    private string Refused(string scope, string fingerprint, string problem)
    {
        var reason = $"remote entry {scope} {fingerprint[..12]} refused: {client.Redact(problem)}";
        log.WriteLine($"warning: {reason}");
        return reason;
    }

    private static HttpContent FileContent(string path)
    {
        var content = new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static HttpContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
