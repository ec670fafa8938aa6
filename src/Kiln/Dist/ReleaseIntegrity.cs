using System.Text;
using Kiln.Tools.Building;
using Kiln.Tools.Sources;

namespace Kiln.Dist;

/// <summary>The integrity files of <c>dist/</c>: the manifest with every archive's digest, md5 files, SHA256SUMS.</summary>
internal static class ReleaseIntegrity
{
    /// <summary>Writes <c>dist/manifest.json</c> listing each archive with its size and SHA-256.</summary>
    public static ReleaseManifest WriteManifest(string dist, SourceRevision revision, IReadOnlyList<ToolsManifest> tools,
        IReadOnlyDictionary<string, string> fingerprints, IReadOnlyList<FetchedDataFile> data)
    {
        var artifacts = Directory.GetFiles(dist, "*.tgz")
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(f => new ManifestArtifact(Path.GetFileName(f), new FileInfo(f).Length, FileDigests.Sha256(f)))
            .ToList();
        var arches = tools.ToDictionary(t => t.Arch, t => new ManifestArch(
            fingerprints.GetValueOrDefault(t.Arch, ""),
            t.Executor,
            t.Toolchain,
            t.Tools.Select(tool => new ManifestTool(tool.Name, tool.Kind.ToString().ToLowerInvariant(), tool.Version, tool.SourcePackage,
                tool.DscSha256, tool.Licence, tool.Binaries.Select(b => new ManifestBinary(b.Name, b.Sha256)).ToList())).ToList()));
        var manifest = new ReleaseManifest(revision.Version, new ManifestCommit(revision.Commit, revision.ShortCommit), revision.Date,
            revision.Time, revision.SourceDateEpoch, arches,
            data.Select(d => new ManifestData(d.Recipe.Name, d.Recipe.Version, d.Recipe.BinaryPackage, d.Recipe.SourcePackage, d.Recipe.DebSha256,
                d.Recipe.Licence, FileDigests.Sha256(d.DataFile))).ToList(),
            artifacts);
        FileDigests.WriteAtomically(Path.Combine(dist, ReleaseManifest.FileName), manifest.ToJson());
        return manifest;
    }

    /// <summary>
    /// <c>&lt;archive&gt;.md5.txt</c> per archive (as PerfSpect ships) and one SHA256SUMS over every other file but the
    /// provenance and its envelope, whose subjects are SHA256SUMS's lines. Returns those lines' names and digests.
    /// </summary>
    public static IReadOnlyList<(string Name, string Sha256)> WriteChecksums(string dist)
    {
        foreach (var archive in Directory.GetFiles(dist, "*.tgz"))
        {
            var name = Path.GetFileName(archive);
            FileDigests.WriteAtomically(archive + ReleaseFiles.Md5Suffix, $"{FileDigests.Md5(archive)}  {name}\n");
        }

        var sums = new StringBuilder();
        var files = Directory.GetFiles(dist)
            .Select(Path.GetFileName)
            .Where(n => !IsIntegrityFile(n!) && !n!.StartsWith('.'))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var digests = files.Select(name => (Name: name!, Sha256: FileDigests.Sha256(Path.Combine(dist, name!)))).ToList();
        foreach (var (name, sha256) in digests)
            sums.Append($"{sha256}  {name}\n");
        FileDigests.WriteAtomically(Path.Combine(dist, ReleaseFiles.Sha256Sums), sums.ToString());
        return digests;
    }

    /// <summary>The files SHA256SUMS does not list: itself, and the provenance (signed or not) whose subjects are its lines.</summary>
    public static bool IsIntegrityFile(string name) => name is ReleaseFiles.Sha256Sums or Provenance.FileName or Provenance.EnvelopeFileName;
}
