using System.Text.RegularExpressions;
using Kiln.Signing;
using Kiln.Targets.Foundation;

namespace Kiln.Dist;

/// <summary>
/// Checks a release folder as a user who downloaded it would: every file against SHA256SUMS and the md5 files, the
/// provenance's DSSE envelope against the trusted keys, the provenance's subjects and the SBOM's archives and files
/// against the bytes, and the manifest's artifacts. Needs nothing but the folder and the keys: no rebuild, no network.
/// Every problem is reported, each starting with the file at fault.
/// </summary>
internal sealed partial class ReleaseVerification(string dist, TrustedKeys trusted)
{
    private readonly Dictionary<string, string> _digests = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>Verifies <paramref name="dist"/>; returns what was checked, or throws one error listing every problem.</summary>
    /// <param name="folderParameter">The parameter naming the folder, for the message when it does not exist.</param>
    public static IReadOnlyList<string> Verify(string dist, TrustedKeys trusted, string folderParameter)
    {
        if (!Directory.Exists(dist))
            throw new BuildException($"{folderParameter}: the release folder '{dist}' does not exist.");
        var verification = new ReleaseVerification(dist, trusted);
        var checkedParts = verification.Run();
        if (verification._problems.Count > 0)
            throw new BuildException($"The release in '{dist}' does not verify:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", verification._problems));
        return checkedParts;
    }

    /// <summary>Every problem of <paramref name="dist"/>, each starting with the file at fault; none when it verifies.</summary>
    public static IReadOnlyList<string> Problems(string dist, TrustedKeys trusted)
    {
        var verification = new ReleaseVerification(dist, trusted);
        verification.Run();
        return verification._problems;
    }

    private IReadOnlyList<string> Run()
    {
        var sums = CheckSha256Sums();
        var archives = CheckMd5Files();
        var provenance = CheckProvenance(sums);
        CheckSbom();
        CheckManifest();
        return
        [
            $"SHA256SUMS: {sums.Count} files",
            $"md5: {archives} archives",
            provenance,
            $"{SpdxDocument.FileName}: archives and their files",
            $"{ReleaseManifest.FileName}: artifacts",
        ];
    }

    /// <summary>The lines of SHA256SUMS, each file checked against its line, and every other release file listed.</summary>
    private IReadOnlyList<(string Name, string Sha256)> CheckSha256Sums()
    {
        var lines = new List<(string Name, string Sha256)>();
        if (ReadText(ReleaseFiles.Sha256Sums) is not { } text)
            return lines;
        foreach (var (line, number) in text.Split('\n').SkipLast(1).Select((line, index) => (line, index + 1)))
        {
            if (SumsLine().Match(line) is not { Success: true } match)
            {
                Problem(ReleaseFiles.Sha256Sums, $"line {number} is not '<sha256>  <file name>'");
                continue;
            }

            var (sha256, name) = (match.Groups[1].Value, match.Groups[2].Value);
            lines.Add((name, sha256));
            if (Digest(name) is not { } actual)
                Problem(ReleaseFiles.Sha256Sums, $"lists {name}, which the release lacks");
            else if (actual != sha256)
                Problem(ReleaseFiles.Sha256Sums, $"says {sha256} for {name}, whose SHA-256 is {actual}");
        }

        if (!text.EndsWith('\n'))
            Problem(ReleaseFiles.Sha256Sums, "its last line has no line end");
        foreach (var name in ReleaseFileNames().Where(n => !ReleaseIntegrity.IsIntegrityFile(n) && lines.All(l => l.Name != n)))
            Problem(name, $"is not listed in {ReleaseFiles.Sha256Sums}");
        return lines;
    }

    /// <summary>Each archive's md5 file holds exactly what <c>md5sum</c> prints for it.</summary>
    private int CheckMd5Files()
    {
        var archives = ReleaseFileNames().Where(n => n.EndsWith(".tgz", StringComparison.Ordinal)).ToList();
        foreach (var archive in archives)
        {
            var md5File = archive + ReleaseFiles.Md5Suffix;
            var md5 = FileDigests.Md5(Path.Combine(dist, archive));
            if (ReadText(md5File) is { } text && text != $"{md5}  {archive}\n")
                Problem(md5File, $"does not match {archive}, whose MD5 is {md5} (md5sum -c reads '<md5>  {archive}')");
        }

        return archives.Count;
    }

    private IEnumerable<string> ReleaseFileNames() =>
        Directory.GetFiles(dist).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal);

    /// <summary>The file's SHA-256, computed once; null when the release has no such file.</summary>
    private string? Digest(string name)
    {
        if (_digests.TryGetValue(name, out var digest))
            return digest;
        var path = Path.Combine(dist, name);
        if (name.Contains('/') || !File.Exists(path))
            return null;
        return _digests[name] = FileDigests.Sha256(path);
    }

    private string? ReadText(string name)
    {
        var path = Path.Combine(dist, name);
        if (File.Exists(path))
            return File.ReadAllText(path);
        Problem(name, "is missing");
        return null;
    }

    private void Problem(string file, string problem) => _problems.Add($"{file}: {problem}");

    [GeneratedRegex("^([0-9a-f]{64})  ([^/\\n]+)$")]
    private static partial Regex SumsLine();
}
