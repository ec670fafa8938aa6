using System.Text.Json.Serialization;

namespace SysReport.Install;

/// <summary>
/// Source-generated reading of <c>manifest.json</c>, beside the type it reads, so installation does not depend on the
/// renderers (which depend on it). The options are the renderers' own: the manifest's names are camelCase too.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(DistManifest))]
internal sealed partial class DistManifestJsonContext : JsonSerializerContext;
