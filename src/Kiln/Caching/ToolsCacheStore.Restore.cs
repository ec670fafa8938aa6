using System.Security.Cryptography;
using Kiln.Archives;

namespace Kiln.Caching;

internal sealed partial class ToolsCacheStore
{
    /// <summary>Publishing holds a key's lock for milliseconds; a reader that must quarantine waits no longer than this.</summary>
    private static readonly TimeSpan RefuseLockTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Extracts the entry for (<paramref name="scope"/>, <paramref name="fingerprint"/>) into <paramref name="destination"/>
    /// (replaced) if it is sound: the metadata names this key and is signed by a trusted key (when keys are trusted), and the archive has the recorded size and SHA-256
    /// (checked on the very file handle that is then extracted). Otherwise the destination is left untouched; a
    /// damaged entry is moved to <c>&lt;scope&gt;/quarantine/</c> and reported as <see cref="ToolsCacheOutcome.Corrupt"/>.
    /// Never waits for a writer.
    /// </summary>
    public Task<ToolsCacheRestoreResult> TryRestoreAsync(string scope, string fingerprint, string destination, CancellationToken cancellationToken = default)
    {
        var metadataPath = MetadataPath(scope, fingerprint);
        return Task.Run(() => TryRestore(scope, fingerprint, metadataPath, destination, cancellationToken), cancellationToken);
    }

    private ToolsCacheRestoreResult TryRestore(string scope, string fingerprint, string metadataPath, string destination, CancellationToken cancellationToken)
    {
        string metadata;
        try
        {
            metadata = File.ReadAllText(metadataPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return ToolsCacheRestoreResult.Miss($"no entry for {scope} {fingerprint[..12]}");
        }

        var archivePath = ArchivePath(scope, fingerprint);
        var problem = Verify(scope, fingerprint, metadata, archivePath, out var entry, out var archive);
        if (problem is not null)
            return Refuse(scope, fingerprint, metadata, problem);

        using (archive)
        {
            try
            {
                TarGz.Extract(archive!, destination, cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidDataException or UnsafeArchiveException)
            {
                return Refuse(scope, fingerprint, metadata, $"the archive does not extract: {exception.Message}");
            }
        }

        Touch(archivePath);
        return ToolsCacheRestoreResult.Hit(entry! with { LastUsed = DateTimeOffset.UtcNow });
    }

    /// <summary>Null when the entry is sound, in which case <paramref name="archive"/> is open at offset 0; otherwise the reason.</summary>
    private string? Verify(string scope, string fingerprint, string metadata, string archivePath, out ToolsCacheEntry? entry, out FileStream? archive)
    {
        archive = null;
        try
        {
            entry = ToolsCacheEntry.FromJson(metadata, DateTimeOffset.UtcNow);
        }
        catch (InvalidDataException exception)
        {
            entry = null;
            return exception.Message;
        }

        if (entry.ProblemFor(scope, fingerprint) is { } mismatch)
            return mismatch;
        if (Trust.Problem(entry) is { } untrusted)
            return untrusted;

        try
        {
            archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1024 * 1024);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return "the archive is missing";
        }

        string? problem = null;
        if (archive.Length != entry.ArchiveSize)
            problem = $"the archive has {archive.Length} bytes, the metadata says {entry.ArchiveSize} (truncated or replaced)";
        else if (Convert.ToHexStringLower(SHA256.HashData(archive)) is var actual && actual != entry.ArchiveSha256)
            problem = $"the archive's SHA-256 is {ToolsCacheEntry.Short(actual)}, the metadata says {ToolsCacheEntry.Short(entry.ArchiveSha256)}";

        if (problem is not null)
        {
            archive.Dispose();
            archive = null;
            return problem;
        }

        archive.Position = 0;
        return null;
    }

    /// <summary>
    /// Quarantines a refused entry, unless a writer replaced it since it was read (the metadata on disk differs):
    /// then the newer entry is left alone and this restore is a plain miss. A store that cannot be written (read-only,
    /// another user's) keeps the entry where it is: the restore is refused all the same.
    /// </summary>
    private ToolsCacheRestoreResult Refuse(string scope, string fingerprint, string metadata, string problem)
    {
        var reason = $"cache entry {scope} {fingerprint[..12]} refused: {problem}";
        try
        {
            return Quarantine(scope, fingerprint, metadata, reason);
        }
        catch (Exception exception) when (ToolsCacheUnwritableException.IsRefusedWrite(exception))
        {
            return ToolsCacheRestoreResult.Corrupt($"{reason} (left in place: {exception.Message})", null);
        }
    }

    private ToolsCacheRestoreResult Quarantine(string scope, string fingerprint, string metadata, string reason)
    {
        var lockPath = LockPath(scope, fingerprint);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using var keyLock = KeyLock.TryAcquire(lockPath, RefuseLockTimeout < LockTimeout ? RefuseLockTimeout : LockTimeout);
        if (keyLock is null)
            return ToolsCacheRestoreResult.Corrupt(reason + " (left in place: another process holds its lock)", null);

        var metadataPath = MetadataPath(scope, fingerprint);
        string current;
        try
        {
            current = File.ReadAllText(metadataPath);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return ToolsCacheRestoreResult.Miss($"the entry for {scope} {fingerprint[..12]} was removed while it was read");
        }

        if (current != metadata)
            return ToolsCacheRestoreResult.Miss($"the entry for {scope} {fingerprint[..12]} was replaced while it was read");

        var quarantine = QuarantineDirectory(scope);
        Directory.CreateDirectory(quarantine);
        var stem = Path.Combine(quarantine, $"{fingerprint}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.{Guid.NewGuid().ToString("N")[..8]}");
        File.Move(metadataPath, stem + ".json");
        var archivePath = ArchivePath(scope, fingerprint);
        if (File.Exists(archivePath))
            File.Move(archivePath, stem + ".tgz");
        return ToolsCacheRestoreResult.Corrupt(reason, quarantine);
    }
}
