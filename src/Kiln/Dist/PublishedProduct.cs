namespace Kiln.Dist;

/// <summary>One arch's self-contained sysreport program, as <c>dotnet publish</c> wrote it.</summary>
/// <param name="Program">The single executable the archive ships as <c>app/sysreport</c>.</param>
/// <param name="DepsFile">The publish's <c>deps.json</c>: the NuGet packages the program embeds (for the SBOM).</param>
/// <param name="Mode"><c>nativeaot</c> or <c>single-file</c>.</param>
internal sealed record PublishedProduct(string Arch, string RuntimeIdentifier, string Program, string DepsFile, string Mode);
