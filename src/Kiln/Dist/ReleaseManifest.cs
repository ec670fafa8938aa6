using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kiln.Dist;

/// <summary><c>dist/manifest.json</c>: what was released, from which commit, with which tools, and every artifact's digest.</summary>
internal sealed record ReleaseManifest(
    string Version,
    ManifestCommit Commit,
    string Date,
    string Time,
    long SourceDateEpoch,
    IReadOnlyDictionary<string, ManifestArch> Tools,
    IReadOnlyList<ManifestData> Data,
    IReadOnlyList<ManifestArtifact> Artifacts)
{
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Versions such as 14+deb12u1 and purls stay readable; the files are UTF-8 data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";
}

internal sealed record ManifestCommit(string Full, string Short);

/// <summary>One architecture's tools: how they were built and what each one is.</summary>
internal sealed record ManifestArch(string Fingerprint, string Executor, string Toolchain, IReadOnlyList<ManifestTool> Tools);

internal sealed record ManifestTool(string Name, string Kind, string Version, string SourcePackage, string DscSha256, string Licence,
    IReadOnlyList<ManifestBinary> Binaries);

internal sealed record ManifestBinary(string Name, string Sha256);

/// <summary>A data file every archive ships, from a pinned binary package; <see cref="Sha256"/> is the file's own digest.</summary>
internal sealed record ManifestData(string Name, string Version, string BinaryPackage, string SourcePackage, string DebSha256, string Licence, string Sha256);

internal sealed record ManifestArtifact(string Name, long Size, string Sha256);

/// <summary>The <c>manifest.json</c> inside each archive, read by <c>sysreport --tools</c>: one arch, no artifact digests.</summary>
internal sealed record ArchiveManifest(string Version, string Commit, string Date, string Arch, IReadOnlyList<ArchiveManifestTool> Tools,
    IReadOnlyList<ArchiveManifestData> Data)
{
    public string ToJson() => JsonSerializer.Serialize(this, ReleaseManifest.Json) + "\n";
}

internal sealed record ArchiveManifestTool(string Name, string Version, string SourcePackage, string Licence, IReadOnlyList<string> Binaries);

/// <summary>A data file at the archive's root, such as pci.ids; <see cref="File"/> is relative to that root.</summary>
internal sealed record ArchiveManifestData(string Name, string Version, string SourcePackage, string Licence, string File);
