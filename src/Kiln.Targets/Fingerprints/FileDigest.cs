namespace Kiln.Targets.Fingerprints;

/// <summary>
/// What a file under the fingerprinted root contributes: its content SHA-256 (lowercase hex) and executable bit,
/// or, for a symlink, its target. Nothing else about the file (mtime, owner, inode) counts.
/// </summary>
public sealed record FileDigest(string? Sha256, bool Executable, string? SymlinkTarget)
{
    public static FileDigest Regular(string sha256, bool executable) => new(sha256, executable, null);

    public static FileDigest Symlink(string target) => new(null, false, target);

    public override string ToString() =>
        SymlinkTarget is not null ? $"symlink -> {SymlinkTarget}" : $"{(Executable ? "executable" : "file")} sha256:{Sha256![..12]}";
}
