using Kiln.Archives;
using Kiln.Targets.Fingerprints;

namespace Kiln.Caching;

internal sealed partial class ToolsCacheStore
{
    /// <summary>
    /// Packs <paramref name="sourceDirectory"/> and publishes it as the entry for (<paramref name="scope"/>,
    /// <paramref name="fingerprint"/>). When another process committed this key first, its entry is kept and
    /// returned: both saves succeed. Afterwards, least recently used entries beyond <see cref="MaxBytes"/> are evicted.
    /// A disk that refuses the write (read-only, another user's, full) is a <see cref="ToolsCacheUnwritableException"/>,
    /// and no part of the entry is left behind.
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
        var temporary = DurableFile.TemporaryPathFor(archivePath);
        ToolsCacheEntry entry;
        try
        {
            Directory.CreateDirectory(ScopeDirectory(scope));
            var (sha256, size) = WriteArchive(sourceDirectory, temporary);
            cancellationToken.ThrowIfCancellationRequested();
            using (AcquireLock(scope, fingerprint))
            {
                entry = CommittedEntry(scope, fingerprint) ?? Publish(scope, fingerprint, inputs, summary, temporary, sha256, size);
            }
        }
        catch (Exception exception) when (ToolsCacheUnwritableException.IsRefusedWrite(exception))
        {
            throw new ToolsCacheUnwritableException(Root, exception);
        }
        finally
        {
            // On a read-only mount even unlinking a name that does not exist is refused (EROFS).
            if (File.Exists(temporary))
                File.Delete(temporary);
        }

        Evict(keep: entry);
        return entry;
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
        var entry = Trust.Sign(new ToolsCacheEntry(fingerprint, scope, inputs, sha256, size, now, now, summary));
        var archivePath = ArchivePath(scope, fingerprint);
        DurableFile.Publish(temporaryArchive, archivePath);
        try
        {
            DurableFile.WriteAllText(MetadataPath(scope, fingerprint), entry.ToJson());
        }
        catch (Exception exception) when (ToolsCacheUnwritableException.IsRefusedWrite(exception))
        {
            // An archive without its metadata is no entry, only space taken from a disk that has none left.
            File.Delete(archivePath);
            throw;
        }

        return entry;
    }

    /// <summary>
    /// The entry already committed for this key, if its metadata is sound and trusted and its archive has the recorded
    /// size; an untrusted one is replaced, or every later run would refuse it and build again.
    /// </summary>
    private ToolsCacheEntry? CommittedEntry(string scope, string fingerprint)
    {
        var archive = new FileInfo(ArchivePath(scope, fingerprint));
        try
        {
            var entry = ToolsCacheEntry.FromJson(File.ReadAllText(MetadataPath(scope, fingerprint)), archive.LastWriteTimeUtc);
            if (entry.Fingerprint != fingerprint || entry.Scope != scope || !archive.Exists || archive.Length != entry.ArchiveSize
                || Trust.Problem(entry) is not null)
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
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Evicted meanwhile, or the store is read-only or another user's (EPERM on setting the time of a file one
            // does not own): the entry was still used, there is just no recency to record.
        }
    }
}
