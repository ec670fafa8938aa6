using System.Collections.Concurrent;

namespace Kiln.Targets.Fingerprints;

/// <summary>
/// Remembers each file's content digest together with the status it had when it was hashed, so an unchanged file
/// is not read again. An entry is trusted only when size, mtime, ctime, inode and mode are all identical and the
/// file's mtime is older than the moment the entry was recorded, less <see cref="RacyMargin"/>: a file rewritten in
/// the same timestamp tick as its hashing keeps its status, so such racily-clean entries are hashed again (as git does).
/// </summary>
public sealed class StatCache
{
    /// <summary>More than one kernel timestamp tick (at most 10 ms) between the clock we read and the one stamping files.</summary>
    public static readonly long RacyMarginNs = 1_000_000_000;

    private const string Magic = "kiln-stat-cache/1";
    private readonly ConcurrentDictionary<string, Entry> _entries;

    private StatCache(string root, ConcurrentDictionary<string, Entry> entries)
    {
        Root = root;
        _entries = entries;
    }

    public string Root { get; }

    public int Count => _entries.Count;

    /// <summary>Whether anything was recorded since loading; an unchanged cache need not be written again.</summary>
    public bool HasChanges { get; private set; }

    public static StatCache Empty(string root) => new(root, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));

    /// <summary>Loads the cache written for <paramref name="root"/>; a missing, unreadable or foreign file gives an empty cache.</summary>
    public static StatCache Load(string path, string root)
    {
        try
        {
            using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024));
            if (reader.ReadString() != Magic || reader.ReadString() != root)
                return Empty(root);
            var count = reader.ReadInt32();
            var entries = new ConcurrentDictionary<string, Entry>(Environment.ProcessorCount, count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var relativePath = reader.ReadString();
                var stat = new FileStat(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt32());
                entries[relativePath] = new Entry(stat, reader.ReadInt64(), reader.ReadString());
            }

            return new StatCache(root, entries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Empty(root);
        }
    }

    /// <summary>Writes the cache atomically (temp file, rename); only entries for files seen in the last run are kept.</summary>
    public void Save(string path, IEnumerable<string> keep)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var kept = keep.Where(_entries.ContainsKey).ToList();
            using (var writer = new BinaryWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024)))
            {
                writer.Write(Magic);
                writer.Write(Root);
                writer.Write(kept.Count);
                foreach (var relativePath in kept)
                {
                    var entry = _entries[relativePath];
                    writer.Write(relativePath);
                    writer.Write(entry.Stat.Size);
                    writer.Write(entry.Stat.ModifiedNs);
                    writer.Write(entry.Stat.ChangedNs);
                    writer.Write(entry.Stat.Inode);
                    writer.Write(entry.Stat.Mode);
                    writer.Write(entry.RecordedAtNs);
                    writer.Write(entry.Sha256);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The remembered digest, if <paramref name="current"/> proves the file unchanged since it was hashed.</summary>
    public bool TryGet(string relativePath, FileStat current, out string sha256)
    {
        if (_entries.TryGetValue(relativePath, out var entry)
            && entry.Stat == current
            && current.ModifiedNs < entry.RecordedAtNs - RacyMarginNs)
        {
            sha256 = entry.Sha256;
            return true;
        }

        sha256 = string.Empty;
        return false;
    }

    /// <summary>Records a digest computed from a file whose status was read, before reading it, at <paramref name="recordedAtNs"/> or later.</summary>
    public void Set(string relativePath, FileStat stat, long recordedAtNs, string sha256)
    {
        _entries[relativePath] = new Entry(stat, recordedAtNs, sha256);
        HasChanges = true;
    }

    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    private sealed record Entry(FileStat Stat, long RecordedAtNs, string Sha256);
}
