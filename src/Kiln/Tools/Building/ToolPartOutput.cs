using System.Security.Cryptography;
using System.Text;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tools.Building;

/// <summary>
/// The digest of what a built or restored part gives the parts that depend on it: every file it publishes
/// (<c>prefix/</c> for a library, <c>out/</c> for a tool) by path, executable bit and content. A dependant's key names
/// this digest rather than the dependency's key, so a dependency rebuilt with identical output leaves its dependants'
/// keys alone (early cutoff, as Nix's content-addressed derivations and Bazel do).
/// <para>
/// <c>part.json</c> is left out: it says how the part was made, not what it is. The sandbox work directory the part was
/// compiled in is set aside wherever it appears (a library's pkg-config file names its install prefix, which the local
/// executor puts in a fresh temporary directory for every build), as Nix hashes modulo self-references: no dependant
/// sees that directory, since it copies the prefix into its own.
/// </para>
/// </summary>
internal static class ToolPartOutput
{
    private const string WorkDirectoryPlaceholder = "@KILN_SANDBOX_WORK@";

    public static string Digest(string partDirectory)
    {
        // Null in a part.json written before the work directory was recorded: nothing to set aside.
        string? workDirectory = ToolPartInfo.Read(partDirectory).WorkDirectory;
        var files = new Dictionary<string, FileDigest>(StringComparer.Ordinal);
        foreach (var path in Fingerprinter.ListFiles(Path.TrimEndingDirectorySeparator(Path.GetFullPath(partDirectory))))
        {
            if (path == ToolPartInfo.FileName)
                continue;
            var fullPath = Path.Combine(partDirectory, path);
            var stat = FileStat.Read(fullPath);
            files[path] = stat.IsSymlink
                ? FileDigest.Symlink(WithoutWorkDirectory(new FileInfo(fullPath).LinkTarget ?? "", workDirectory))
                : FileDigest.Regular(HashWithoutWorkDirectory(File.ReadAllBytes(fullPath), workDirectory), stat.IsExecutable);
        }

        return new FingerprintInputs(new Dictionary<string, string>(), files).Key;
    }

    private static string WithoutWorkDirectory(string text, string? workDirectory) =>
        string.IsNullOrEmpty(workDirectory) ? text : text.Replace(workDirectory, WorkDirectoryPlaceholder, StringComparison.Ordinal);

    private static string HashWithoutWorkDirectory(ReadOnlySpan<byte> content, string? workDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!string.IsNullOrEmpty(workDirectory))
        {
            var from = Encoding.UTF8.GetBytes(workDirectory);
            var to = Encoding.UTF8.GetBytes(WorkDirectoryPlaceholder);
            while (content.IndexOf(from) is var index and >= 0)
            {
                hash.AppendData(content[..index]);
                hash.AppendData(to);
                content = content[(index + from.Length)..];
            }
        }

        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
