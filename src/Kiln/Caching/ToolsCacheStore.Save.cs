using Kiln.Archives;
using Kiln.Targets.Fingerprints;

namespace Kiln.Caching;

internal sealed partial class ToolsCacheStore
{
    /// <summary>
    /// Packs <paramref name="sourceDirectory"/> and publishes it as the entry for (<paramref name="scope"/>,
    /// <paramref name="fingerprint"/>). When another process committed this key first, its entry is kept and
    /// returned: both saves succeed. Afterwards, least recently used entries beyond <see cref="MaxBytes"/> are evicted.
    /// </summary>
    /// <param name="summary">Free-form facts kept in the metadata, e.g. tool versions.</param>
    public Task<ToolsCacheEntry> SaveAsync(
        string scope,
        string fingerprint,
        FingerprintInputs inputs,
        string sourceDirectory,
        IReadOnlyDictionary<string, string>? summary = null,
        CancellationToken cancellationToken = default)
    {
        if (inputs.Key != fingerprint)
            throw new ArgumentException($"The inputs document has the fingerprint {inputs.Key}, not {fingerprint}.", nameof(inputs));
        var archivePath = ArchivePath(scope, fingerprint);
        return Task.Run(() => Save(scope, fingerprint, inputs, sourceDirectory, summary ?? new Dictionary<string, string>(), archivePath, cancellationToken), cancellationToken);
    }

    private ToolsCacheEntry Save(
        string scope,
        string fingerprint,
        FingerprintInputs inputs,
        string sourceDirectory,
        IReadOnlyDictionary<string, string> summary,
        string archivePath,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ScopeDirectory(scope));
        var temporary = DurableFile.TemporaryPathFor(archivePath);
        try
        {
            var (sha256, size) = WriteArchive(sourceDirectory, temporary);
            cancellationToken.ThrowIfCancellationRequested();
            ToolsCacheEntry entry;
            using (AcquireLock(scope, fingerprint))
            {
                entry = CommittedEntry(scope, fingerprint) ?? Publish(scope, fingerprint, inputs, summary, temporary, sha256, size);
            }

            Evict(keep: entry);
            return entry;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (string Sha256, long Size) WriteArchive(string sourceDirectory, string path)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        using var hashing = new HashingWriteStream(file);
        var buffered = new BufferedStream(hashing, 1024 * 1024);
        TarGz.PackDirectory(sourceDirectory, buffered, DateTimeOffset.UnixEpoch);
        buffered.Flush();
        file.Flush(flushToDisk: true);
        return (hashing.HashHex(), hashing.BytesWritten);
    }

    private ToolsCacheEntry Publish(
        string scope,
        string fingerprint,
        FingerprintInputs inputs,
        IReadOnlyDictionary<string, string> summary,
        string temporaryArchive,
        string sha256,
        long size)
    {
        var now = DateTimeOffset.UtcNow;
        var entry = new ToolsCacheEntry(fingerprint, scope, inputs, sha256, size, now, now, summary);
        DurableFile.Publish(temporaryArchive, ArchivePath(scope, fingerprint));
        DurableFile.WriteAllText(MetadataPath(scope, fingerprint), entry.ToJson());
        return entry;
    }

    /// <summary>The entry already committed for this key, if its metadata is sound and its archive has the recorded size.</summary>
    private ToolsCacheEntry? CommittedEntry(string scope, string fingerprint)
    {
        var archive = new FileInfo(ArchivePath(scope, fingerprint));
        try
        {
            var entry = ToolsCacheEntry.FromJson(File.ReadAllText(MetadataPath(scope, fingerprint)), archive.LastWriteTimeUtc);
            if (entry.Fingerprint != fingerprint || entry.Scope != scope || !archive.Exists || archive.Length != entry.ArchiveSize)
                return null;
            Touch(archive.FullName);
            return entry;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return null;
        }
    }

    private static void Touch(string archivePath)
    {
        try
        {
            File.SetLastWriteTimeUtc(archivePath, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Evicted meanwhile: the entry was still used, there is just no recency left to record.
        }
    }
}
