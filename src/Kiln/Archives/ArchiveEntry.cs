namespace Kiln.Archives;

/// <summary>What an archive entry is. Only what a tools or dist tree holds: no devices, fifos or hard links.</summary>
internal enum ArchiveEntryKind
{
    Directory,
    File,
    Symlink,
}

/// <summary>
/// One entry to pack: its path inside the archive (relative, <c>/</c>-separated, no trailing slash), and where its
/// content comes from. Modes are not taken from the file system: an entry is executable or not, nothing else.
/// </summary>
internal sealed record ArchiveEntry
{
    private ArchiveEntry(string path, ArchiveEntryKind kind, string? sourcePath, bool executable, string? linkTarget)
    {
        Path = ArchivePath.Normalize(path);
        Kind = kind;
        SourcePath = sourcePath;
        Executable = executable;
        LinkTarget = linkTarget;
    }

    public string Path { get; }

    public ArchiveEntryKind Kind { get; }

    /// <summary>The file whose bytes are packed; only for <see cref="ArchiveEntryKind.File"/>.</summary>
    public string? SourcePath { get; }

    /// <summary>Packed as mode 0755 when true, 0644 otherwise. Directories are always 0755.</summary>
    public bool Executable { get; }

    /// <summary>The symlink's target, stored as is; only for <see cref="ArchiveEntryKind.Symlink"/>.</summary>
    public string? LinkTarget { get; }

    public static ArchiveEntry Directory(string path) => new(path, ArchiveEntryKind.Directory, null, true, null);

    public static ArchiveEntry File(string path, string sourcePath, bool executable) =>
        new(path, ArchiveEntryKind.File, sourcePath, executable, null);

    public static ArchiveEntry Symlink(string path, string target) =>
        new(path, ArchiveEntryKind.Symlink, null, false, target);
}
