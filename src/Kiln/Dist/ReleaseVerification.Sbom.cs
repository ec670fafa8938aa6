using System.Text.Json;

namespace Kiln.Dist;

internal sealed partial class ReleaseVerification
{
    /// <summary>Each archive the SBOM describes has its digest, and holds exactly the files (and their digests) the SBOM lists for it.</summary>
    private void CheckSbom()
    {
        if (ReadBytes(SpdxDocument.FileName) is not { } sbom)
            return;
        try
        {
            using var document = JsonDocument.Parse(sbom);
            var root = document.RootElement;
            var files = root.GetProperty("files").EnumerateArray()
                .ToDictionary(f => f.GetProperty("SPDXID").GetString() ?? "", f => (Path: f.GetProperty("fileName").GetString() ?? "", Sha256: Sha256Of(f)), StringComparer.Ordinal);
            var archives = root.GetProperty("packages").EnumerateArray()
                .Where(p => p.TryGetProperty("primaryPackagePurpose", out var purpose) && purpose.GetString() == "ARCHIVE").ToList();
            foreach (var archive in archives)
                CheckSbomArchive(archive, files);
            foreach (var name in ReleaseFileNames().Where(n => n.EndsWith(".tgz", StringComparison.Ordinal)
                         && archives.All(a => a.GetProperty("name").GetString() != n)))
                Problem(SpdxDocument.FileName, $"does not describe the archive {name}");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            Problem(SpdxDocument.FileName, $"is no SPDX document Kiln wrote: {exception.Message}");
        }
    }

    private void CheckSbomArchive(JsonElement package, IReadOnlyDictionary<string, (string Path, string Sha256)> files)
    {
        var name = package.GetProperty("name").GetString() ?? "";
        var recorded = Sha256Of(package);
        if (Digest(name) is not { } actual)
        {
            Problem(SpdxDocument.FileName, $"describes the archive {name}, which the release lacks");
            return;
        }

        if (actual != recorded)
        {
            Problem(name, $"its SHA-256 is {actual}, {SpdxDocument.FileName} says {recorded}");
            return;
        }

        var listed = package.GetProperty("hasFiles").EnumerateArray().Select(id => files[id.GetString() ?? ""])
            .Select(f => $"{f.Path} {f.Sha256}").Order(StringComparer.Ordinal);
        var contained = ArchiveListing.Read(Path.Combine(dist, name)).Select(f => $"./{f.Path} {f.Sha256}").Order(StringComparer.Ordinal);
        var missing = listed.Except(contained).Concat(contained.Except(listed)).ToList();
        if (missing.Count > 0)
            Problem(SpdxDocument.FileName, $"the files it lists for {name} are not the archive's (first difference: {missing[0]})");
    }

    /// <summary>Each artifact of the manifest has its recorded size and digest.</summary>
    private void CheckManifest()
    {
        if (ReadBytes(ReleaseManifest.FileName) is not { } manifest)
            return;
        try
        {
            using var document = JsonDocument.Parse(manifest);
            foreach (var artifact in document.RootElement.GetProperty("artifacts").EnumerateArray())
            {
                var name = artifact.GetProperty("name").GetString() ?? "";
                var sha256 = artifact.GetProperty("sha256").GetString();
                if (Digest(name) is not { } actual)
                    Problem(ReleaseManifest.FileName, $"lists the artifact {name}, which the release lacks");
                else if (actual != sha256 || new FileInfo(Path.Combine(dist, name)).Length != artifact.GetProperty("size").GetInt64())
                    Problem(name, $"its size or SHA-256 is not what {ReleaseManifest.FileName} records");
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Problem(ReleaseManifest.FileName, $"is no manifest Kiln wrote: {exception.Message}");
        }
    }

    private static string Sha256Of(JsonElement element) =>
        element.GetProperty("checksums").EnumerateArray().First(c => c.GetProperty("algorithm").GetString() == "SHA256").GetProperty("checksumValue").GetString() ?? "";
}
