using System.Text.Json;

namespace Kiln.Dist;

/// <summary>A NuGet package the published program embeds, as its <c>deps.json</c> names it (runtime packs included).</summary>
internal sealed record EmbeddedPackage(string Name, string Version)
{
    private const string RuntimePackPrefix = "runtimepack.";

    /// <summary>The <c>package</c> and <c>runtimepack</c> libraries of a deps.json; the project itself is left out.</summary>
    public static IReadOnlyList<EmbeddedPackage> ReadDepsFile(string depsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsFile));
        if (!document.RootElement.TryGetProperty("libraries", out var libraries))
            throw new InvalidDataException($"{depsFile}: no 'libraries' object; is this a deps.json written by dotnet publish?");
        return libraries.EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() is "package" or "runtimepack")
            .Select(l =>
            {
                var (name, version) = (l.Name[..l.Name.LastIndexOf('/')], l.Name[(l.Name.LastIndexOf('/') + 1)..]);
                return new EmbeddedPackage(name.StartsWith(RuntimePackPrefix, StringComparison.Ordinal) ? name[RuntimePackPrefix.Length..] : name, version);
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The package URL (purl) of a NuGet package.</summary>
    public string PackageUrl => $"pkg:nuget/{Name}@{Version}";
}
