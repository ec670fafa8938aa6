using System.Buffers;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace Kiln.Archives;

internal static partial class TarGz
{
    private const UnixFileMode ExtractedExecutable = (UnixFileMode)ExecutableMode;
    private const UnixFileMode ExtractedRegular = (UnixFileMode)RegularMode;
    private const int AnyExecuteBits = 0b001_001_001;

    /// <summary>
    /// Extracts a <c>.tgz</c> into <paramref name="destination"/>, which is replaced if it exists. The archive is first
    /// unpacked into a scratch directory next to the destination and renamed into place only when every entry was
    /// accepted and the gzip stream ended cleanly, so a refused, truncated or corrupt archive leaves nothing behind.
    /// Refused (<see cref="UnsafeArchiveException"/>): absolute paths, <c>..</c> components, entries below a symlink,
    /// symlinks that lead outside the destination, hard links to anything but an earlier regular file, devices and fifos.
    /// Modes are reduced to 0755/0644; ownership and mtimes are not restored.
    /// </summary>
    public static void Extract(Stream input, string destination, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("Tools archives are extracted on Linux only: they hold Unix modes and symlinks.");
        var target = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("Cannot extract into the file system root.", nameof(destination));
        Directory.CreateDirectory(parent);
        var scratch = Path.Combine(parent, $".{Path.GetFileName(target)}.extract-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(scratch);
            ExtractInto(input, scratch, cancellationToken);
            ReplaceDirectory(scratch, target);
        }
        catch
        {
            DeleteIfExists(scratch);
            throw;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void ExtractInto(Stream input, string root, CancellationToken cancellationToken)
    {
        var compressed = new ReadThroughStream(input);
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        var decompressed = new ReadThroughStream(gzip);
        using var tar = new TarInputStream(decompressed, Encoding.UTF8) { IsStreamOwner = false };
        var symlinks = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (tar.GetNextEntry() is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = SafeEntryPath(entry.Name, symlinks);
                var fullPath = Path.Combine(root, path);
                switch (entry.TarHeader.TypeFlag)
                {
                    case TarHeader.LF_DIR:
                        RefuseIfSymlink(entry.Name, path, symlinks);
                        Directory.CreateDirectory(fullPath, ExtractedExecutable);
                        break;
                    case TarHeader.LF_NORMAL or TarHeader.LF_OLDNORM or TarHeader.LF_CONTIG:
                        RefuseIfSymlink(entry.Name, path, symlinks);
                        WriteEntryFile(tar, entry, fullPath, buffer);
                        files.Add(path);
                        break;
                    case TarHeader.LF_SYMLINK:
                        RefuseIfSymlink(entry.Name, path, symlinks);
                        RefuseEscapingLink(entry.Name, path, entry.TarHeader.LinkName);
                        EnsureParent(fullPath);
                        if (Path.Exists(fullPath))
                            throw new UnsafeArchiveException(entry.Name, "a symlink would replace an entry extracted before it");
                        File.CreateSymbolicLink(fullPath, entry.TarHeader.LinkName);
                        symlinks.Add(path);
                        break;
                    case TarHeader.LF_LINK:
                        RefuseIfSymlink(entry.Name, path, symlinks);
                        var linked = SafeEntryPath(entry.TarHeader.LinkName, symlinks);
                        if (!files.Contains(linked))
                            throw new UnsafeArchiveException(entry.Name, $"hard link to '{entry.TarHeader.LinkName}', which is not a regular file earlier in the archive");
                        EnsureParent(fullPath);
                        File.Copy(Path.Combine(root, linked), fullPath, overwrite: true);
                        files.Add(path);
                        break;
                    case TarHeader.LF_CHR or TarHeader.LF_BLK or TarHeader.LF_FIFO:
                        throw new UnsafeArchiveException(entry.Name, "device files and fifos are never extracted");
                    default:
                        throw new UnsafeArchiveException(entry.Name, $"unsupported tar entry type '{(char)entry.TarHeader.TypeFlag}'");
                }
            }

            // zlib checks the CRC when it reaches the trailer; only the length tells whether it got there.
            while (decompressed.Read(buffer, 0, buffer.Length) > 0)
            {
            }

            if (compressed.BytesRead < 18 || compressed.TrailingLength != (uint)decompressed.BytesRead || input.Read(buffer, 0, 1) != 0)
                throw new InvalidDataException("The archive is truncated: the gzip stream ends without its trailer.");
        }
        catch (Exception exception) when (exception is TarException or EndOfStreamException)
        {
            throw new InvalidDataException($"The archive is truncated or corrupt: {exception.Message}", exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void WriteEntryFile(TarInputStream tar, TarEntry entry, string fullPath, byte[] buffer)
    {
        EnsureParent(fullPath);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = (entry.TarHeader.Mode & AnyExecuteBits) != 0 ? ExtractedExecutable : ExtractedRegular,
        };
        using var output = new FileStream(fullPath, options);
        long copied = 0;
        int read;
        while (copied < entry.Size && (read = tar.Read(buffer, 0, (int)Math.Min(buffer.Length, entry.Size - copied))) > 0)
        {
            output.Write(buffer, 0, read);
            copied += read;
        }

        if (copied != entry.Size)
            throw new InvalidDataException($"The archive is truncated: entry '{entry.Name}' holds {copied} of its {entry.Size} bytes.");
    }

    /// <summary>The entry's path relative to the destination, or a refusal if it could leave it.</summary>
    private static string SafeEntryPath(string name, HashSet<string> symlinks)
    {
        if (name.Contains('\0'))
            throw new UnsafeArchiveException(name, "the name contains a NUL byte");
        if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':'))
            throw new UnsafeArchiveException(name, "absolute path");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray();
        if (parts.Length == 0)
            throw new UnsafeArchiveException(name, "empty path");
        if (parts.Contains(".."))
            throw new UnsafeArchiveException(name, "'..' path component");

        // Writing below a symlink would follow it; a link's target is only checked lexically, so nothing may pass through one.
        for (var depth = 1; depth < parts.Length; depth++)
        {
            var ancestor = string.Join('/', parts, 0, depth);
            if (symlinks.Contains(ancestor))
                throw new UnsafeArchiveException(name, $"it lies below the symlink '{ancestor}'");
        }

        return string.Join('/', parts);
    }

    private static void RefuseIfSymlink(string name, string path, HashSet<string> symlinks)
    {
        if (symlinks.Contains(path))
            throw new UnsafeArchiveException(name, "it would be written through a symlink extracted before it");
    }

    /// <summary>
    /// A symlink target is accepted when it is relative, made of some leading <c>..</c> that stay within the destination
    /// followed only by plain names. A <c>..</c> after a name could climb out through another symlink, so it is refused.
    /// </summary>
    private static void RefuseEscapingLink(string name, string path, string linkTarget)
    {
        if (linkTarget.Length == 0 || linkTarget.Contains('\0'))
            throw new UnsafeArchiveException(name, "empty symlink target");
        if (linkTarget.StartsWith('/'))
            throw new UnsafeArchiveException(name, $"symlink to the absolute path '{linkTarget}'");
        var depth = path.Count(character => character == '/');
        var climbing = true;
        foreach (var part in linkTarget.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part != "..")
            {
                climbing = false;
                continue;
            }

            if (!climbing)
                throw new UnsafeArchiveException(name, $"symlink target '{linkTarget}' has '..' after a name");
            if (--depth < 0)
                throw new UnsafeArchiveException(name, $"symlink target '{linkTarget}' leads outside the destination");
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void EnsureParent(string fullPath)
    {
        var parent = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(parent))
            Directory.CreateDirectory(parent, ExtractedExecutable);
    }

    private static void ReplaceDirectory(string scratch, string target)
    {
        if (!Path.Exists(target))
        {
            Directory.Move(scratch, target);
            return;
        }

        var previous = scratch + ".previous";
        Directory.Move(target, previous);
        Directory.Move(scratch, target);
        DeleteIfExists(previous);
    }

    private static void DeleteIfExists(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
