using System.Net.Http.Headers;
using System.Text;

namespace Kiln.Caching.Remote;

/// <summary>
/// Tools cache entries on a server with Bazel's HTTP cache layout: the metadata at <c>ac/&lt;fingerprint&gt;</c>, the
/// archive at <c>cas/&lt;sha256&gt;</c>. A fetched entry is verified exactly like a local one (metadata names the key,
/// the archive has the recorded size and SHA-256, the signature when signing is on) before it is imported into the
/// local store, whose restore then checks and extracts it safely. Uploads put the blob first and the metadata last,
/// so no reader ever sees metadata whose blob is missing.
/// </summary>
internal sealed class RemoteEntries(RemoteCacheClient client, TextWriter log)
{
    /// <summary>Metadata documents are a few kilobytes (the inputs list every file under tools/); anything far larger is not one.</summary>
    private const long MaxMetadataBytes = 16 * 1024 * 1024;

    public static string MetadataPath(string fingerprint) => $"ac/{fingerprint}";

    public static string BlobPath(string sha256) => $"cas/{sha256}";

    public RemoteCacheClient Client => client;

    /// <summary>
    /// Downloads and verifies the entry for (<paramref name="scope"/>, <paramref name="fingerprint"/>) and imports it
    /// into <paramref name="local"/>; null on success, otherwise why it was not imported.
    /// </summary>
    public async Task<string?> TryImportAsync(string scope, string fingerprint, ToolsCacheStore local, CancellationToken cancellationToken)
    {
        var metadata = await client.GetAsync(MetadataPath(fingerprint), MaxMetadataBytes, cancellationToken);
        if (metadata is null)
            return client.OffReason is { } off ? $"the remote cache is off for this run ({off})" : $"the remote cache has no entry for {scope} {fingerprint[..12]}";

        ToolsCacheEntry entry;
        try
        {
            entry = ToolsCacheEntry.FromJson(Encoding.UTF8.GetString(metadata), DateTimeOffset.UtcNow);
        }
        catch (InvalidDataException exception)
        {
            return Refused(scope, fingerprint, exception.Message);
        }

        if (MetadataProblem(entry, scope, fingerprint) is { } problem)
            return Refused(scope, fingerprint, problem);

        var staged = local.StagingPath(scope, fingerprint);
        try
        {
            var found = await client.DownloadAsync(BlobPath(entry.ArchiveSha256),
                () => new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0), cancellationToken);
            if (!found)
                return client.OffReason is { } off ? $"the remote cache is off for this run ({off})" : Refused(scope, fingerprint, $"its blob cas/{entry.ArchiveSha256[..12]} is missing");

            var (actualSha, actualSize) = SyncAndHash(staged);
            if (actualSize != entry.ArchiveSize)
                return Refused(scope, fingerprint, $"the blob has {actualSize} bytes, the metadata says {entry.ArchiveSize}");
            if (actualSha != entry.ArchiveSha256)
                return Refused(scope, fingerprint, $"the blob's SHA-256 is {actualSha[..12]}, the metadata says {entry.ArchiveSha256[..12]}");
            local.Import(entry, staged);
            return null;
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Uploads a locally committed entry, its blob only when the server lacks it; null when it failed.</summary>
    public async Task<UploadedBlobs?> UploadAsync(ToolsCacheEntry entry, string archivePath, CancellationToken cancellationToken)
    {
        var sent = new UploadedBlobs();
        var blob = BlobPath(entry.ArchiveSha256);
        if (await client.SizeAsync(blob, cancellationToken) == entry.ArchiveSize)
            sent = sent.Skipped();
        else if (client.IsOn && await client.PutAsync(blob, () => FileContent(archivePath), cancellationToken))
            sent = sent.Sent(entry.ArchiveSize);
        else
            return null;

        var signed = client.Options.SigningKey is { } key ? entry with { Signature = EntrySignature.Compute(entry, key) } : entry;
        var metadata = Encoding.UTF8.GetBytes(signed.ToJson());
        if (!await client.PutAsync(MetadataPath(entry.Fingerprint), () => JsonContent(metadata), cancellationToken))
            return null;
        return sent.Sent(metadata.Length);
    }

    private string? MetadataProblem(ToolsCacheEntry entry, string scope, string fingerprint)
    {
        if (entry.Fingerprint != fingerprint || entry.Scope != scope)
            return $"the metadata describes {entry.Scope} {Short(entry.Fingerprint)}, not {scope} {fingerprint[..12]}";
        if (entry.Inputs.Key != fingerprint)
            return $"the metadata's inputs document has the fingerprint {Short(entry.Inputs.Key)}, not {fingerprint[..12]}";
        if (entry.ArchiveSha256.Length != 64 || !entry.ArchiveSha256.All(Uri.IsHexDigit))
            return $"the metadata names no SHA-256 for its archive ('{Short(entry.ArchiveSha256)}')";
        return client.Options.SigningKey is { } key ? EntrySignature.Problem(entry, key) : null;
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

    /// <summary>The downloaded blob made durable, then its SHA-256 and size, read back from the disk it will be used from.</summary>
    private static (string Sha256, long Size) SyncAndHash(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1024 * 1024);
        file.Flush(flushToDisk: true);
        return (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), file.Length);
    }

    private static string Short(string text) => text.Length > 12 ? text[..12] : text;
}
