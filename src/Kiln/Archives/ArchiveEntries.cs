using Kiln.Targets.Fingerprints;

namespace Kiln.Archives;

/// <summary>Lists a directory tree as archive entries, without following symlinks; fifos, sockets and devices are refused.</summary>
internal static class ArchiveEntries
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static IEnumerable<ArchiveEntry> FromDirectory(string root)
    {
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
            throw new DirectoryNotFoundException($"Cannot archive '{root}': the directory does not exist.");
        return Walk(rootInfo, prefix: null);
    }

    private static IEnumerable<ArchiveEntry> Walk(DirectoryInfo directory, string? prefix)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            var path = prefix is null ? info.Name : prefix + "/" + info.Name;
            if (info.LinkTarget is { } target)
            {
                yield return ArchiveEntry.Symlink(path, target);
            }
            else if (info is DirectoryInfo subdirectory)
            {
                yield return ArchiveEntry.Directory(path);
                foreach (var entry in Walk(subdirectory, path))
                    yield return entry;
            }
            else if (FileStat.Read(info.FullName).IsRegularFile)
            {
                yield return ArchiveEntry.File(path, info.FullName, (info.UnixFileMode & AnyExecute) != 0);
            }
            else
            {
                throw new IOException($"Cannot archive '{info.FullName}': only directories, regular files and symlinks are archived.");
            }
        }
    }
}
