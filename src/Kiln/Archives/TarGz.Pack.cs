using System.Buffers;
using System.IO.Compression;
using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace Kiln.Archives;

internal static partial class TarGz
{
    private const int DirectoryMode = 0b111_101_101;
    private const int ExecutableMode = 0b111_101_101;
    private const int RegularMode = 0b110_100_100;

    /// <summary>
    /// Packs everything under <paramref name="sourceDirectory"/> (not the directory itself), optionally below a top-level
    /// folder <paramref name="prefix"/>. Symlinks are packed as links, never followed.
    /// </summary>
    public static void PackDirectory(string sourceDirectory, Stream output, DateTimeOffset sourceDateEpoch, string? prefix = null) =>
        Pack(ArchiveEntries.FromDirectory(sourceDirectory), output, sourceDateEpoch, prefix);

    /// <summary>
    /// Writes <paramref name="entries"/> as a gzip-compressed tar whose bytes depend only on the entries' paths, kinds,
    /// executable bits, link targets and contents: entries sorted by path (ordinal), missing parent directories added,
    /// uid/gid 0 with empty names, every mtime set to <paramref name="sourceDateEpoch"/> (not min(mtime, epoch): a
    /// checkout's mtimes say when it was cloned, not what it holds), gzip header with mtime 0 and no file name.
    /// </summary>
    public static void Pack(IEnumerable<ArchiveEntry> entries, Stream output, DateTimeOffset sourceDateEpoch, string? prefix = null)
    {
        var sorted = WithParentDirectories(entries, prefix);
        var modTime = DateTimeOffset.FromUnixTimeSeconds(Math.Max(0, sourceDateEpoch.ToUnixTimeSeconds())).UtcDateTime;

        var gzip = new GZipStream(new GzipHeaderNormalizingStream(output), Compression, leaveOpen: false);
        var tar = new TarOutputStream(gzip, Encoding.UTF8) { IsStreamOwner = false };
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        var written = false;
        try
        {
            foreach (var entry in sorted)
                WriteEntry(tar, entry, modTime, buffer);
            tar.Finish();
            written = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (written)
            {
                tar.Dispose();
                gzip.Dispose();
            }
            else
            {
                Abandon(tar);
                Abandon(gzip);
            }
        }
    }

    /// <summary>
    /// Closes a stream of a pack that failed. Closing complains in its own words (an entry shorter than its tar header, a
    /// gzip footer that cannot be written), and that complaint must not replace the failure itself, a full disk say.
    /// </summary>
    private static void Abandon(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (Exception exception) when (exception is IOException or TarException)
        {
            // The failure that abandoned the pack is already on its way to the caller.
        }
    }

    private static List<ArchiveEntry> WithParentDirectories(IEnumerable<ArchiveEntry> entries, string? prefix)
    {
        var byPath = new Dictionary<string, ArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var path = ArchivePath.Join(prefix, entry.Path);
            var placed = entry.Kind switch
            {
                ArchiveEntryKind.Directory => ArchiveEntry.Directory(path),
                ArchiveEntryKind.File => ArchiveEntry.File(path, entry.SourcePath!, entry.Executable),
                _ => ArchiveEntry.Symlink(path, entry.LinkTarget!),
            };
            if (!byPath.TryAdd(path, placed) && byPath[path] != placed)
                throw new ArgumentException($"Two different archive entries have the path '{path}'.", nameof(entries));
        }

        foreach (var path in byPath.Keys.ToList())
        {
            for (var parent = ArchivePath.Parent(path); parent is not null; parent = ArchivePath.Parent(parent))
            {
                if (byPath.TryGetValue(parent, out var existing))
                {
                    if (existing.Kind != ArchiveEntryKind.Directory)
                        throw new ArgumentException($"Archive entry '{path}' lies below '{parent}', which is not a directory.", nameof(entries));
                    break;
                }

                byPath.Add(parent, ArchiveEntry.Directory(parent));
            }
        }

        return byPath.Values.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList();
    }

    private static void WriteEntry(TarOutputStream tar, ArchiveEntry entry, DateTime modTime, byte[] buffer)
    {
        var header = new TarHeader
        {
            UserId = 0,
            GroupId = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            ModTime = modTime,
            DevMajor = 0,
            DevMinor = 0,
        };
        switch (entry.Kind)
        {
            case ArchiveEntryKind.Directory:
                header.Name = entry.Path + "/";
                header.TypeFlag = TarHeader.LF_DIR;
                header.Mode = DirectoryMode;
                tar.PutNextEntry(new TarEntry(header));
                tar.CloseEntry();
                break;
            case ArchiveEntryKind.Symlink:
                if (Encoding.UTF8.GetByteCount(entry.LinkTarget!) > TarHeader.NAMELEN)
                    throw new ArgumentException($"Symlink '{entry.Path}' has a target longer than {TarHeader.NAMELEN} bytes, which a ustar header cannot hold.");
                header.Name = entry.Path;
                header.TypeFlag = TarHeader.LF_SYMLINK;
                header.LinkName = entry.LinkTarget!;
                header.Mode = 0b111_111_111;
                tar.PutNextEntry(new TarEntry(header));
                tar.CloseEntry();
                break;
            default:
                WriteFile(tar, entry, header, buffer);
                break;
        }
    }

    private static void WriteFile(TarOutputStream tar, ArchiveEntry entry, TarHeader header, byte[] buffer)
    {
        using var source = new FileStream(entry.SourcePath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var size = source.Length;
        header.Name = entry.Path;
        header.TypeFlag = TarHeader.LF_NORMAL;
        header.Mode = entry.Executable ? ExecutableMode : RegularMode;
        header.Size = size;
        tar.PutNextEntry(new TarEntry(header));
        long copied = 0;
        int read;
        while (copied < size && (read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, size - copied))) > 0)
        {
            tar.Write(buffer, 0, read);
            copied += read;
        }

        if (copied != size || source.Read(buffer, 0, 1) != 0)
            throw new IOException($"'{entry.SourcePath}' changed size while it was being archived.");
        tar.CloseEntry();
    }
}
