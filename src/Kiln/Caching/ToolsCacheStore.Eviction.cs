namespace Kiln.Caching;

internal sealed partial class ToolsCacheStore
{
    private static readonly TimeSpan AbandonedTemporaryAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan QuarantineRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Removes least recently used entries until all archives fit in <see cref="MaxBytes"/>; <paramref name="keep"/> is
    /// never removed. Also drops temp files of saves killed long ago and old quarantined entries. An entry whose
    /// lock is held (being published) is skipped rather than waited for.
    /// </summary>
    private void Evict(ToolsCacheEntry keep)
    {
        RemoveLeftovers();
        var entries = List();
        var total = entries.Sum(entry => entry.ArchiveSize);
        foreach (var entry in entries.OrderBy(entry => entry.LastUsed).ThenBy(entry => entry.Fingerprint, StringComparer.Ordinal))
        {
            if (total <= MaxBytes)
                break;
            if (entry.Fingerprint == keep.Fingerprint && entry.Scope == keep.Scope)
                continue;
            if (TryRemove(entry))
                total -= entry.ArchiveSize;
        }
    }

    private bool TryRemove(ToolsCacheEntry entry)
    {
        var lockPath = LockPath(entry.Scope, entry.Fingerprint);
        using var keyLock = KeyLock.TryAcquire(lockPath, TimeSpan.Zero);
        if (keyLock is null)
            return false;
        File.Delete(MetadataPath(entry.Scope, entry.Fingerprint));
        File.Delete(ArchivePath(entry.Scope, entry.Fingerprint));
        return true;
    }

    private void RemoveLeftovers()
    {
        var now = DateTime.UtcNow;
        foreach (var archDirectory in Directory.EnumerateDirectories(Root))
        {
            foreach (var temporary in Directory.EnumerateFiles(archDirectory, ".tmp-*"))
            {
                if (now - File.GetLastWriteTimeUtc(temporary) > AbandonedTemporaryAge)
                    File.Delete(temporary);
            }

            var quarantine = Path.Combine(archDirectory, QuarantineDirectoryName);
            if (!Directory.Exists(quarantine))
                continue;
            foreach (var quarantined in Directory.EnumerateFiles(quarantine))
            {
                if (now - File.GetLastWriteTimeUtc(quarantined) > QuarantineRetention)
                    File.Delete(quarantined);
            }
        }
    }
}
