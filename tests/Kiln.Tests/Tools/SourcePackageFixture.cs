using Kiln.Targets.Fingerprints;
using Kiln.Processes;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools;

/// <summary>
/// Native-format Debian source packages built with <c>dpkg-source -b</c> from files a test gives, and a flat local apt
/// repository serving them (<c>dpkg-scansources</c>), so that fetching works without network.
/// </summary>
internal static class SourcePackageFixture
{
    /// <summary>Builds <c>name_version.dsc</c> and its tarball into <paramref name="outputDirectory"/>; returns the .dsc path.</summary>
    public static string Build(string outputDirectory, string name, string version, IReadOnlyDictionary<string, string> files)
    {
        var tree = Path.Combine(outputDirectory, ".trees", $"{name}-{version}");
        Directory.CreateDirectory(Path.Combine(tree, "debian", "source"));
        foreach (var (path, content) in files)
            File.WriteAllText(Path.Combine(tree, path), content);
        File.WriteAllText(Path.Combine(tree, "debian", "source", "format"), "3.0 (native)\n");
        File.WriteAllText(Path.Combine(tree, "debian", "control"),
            $"Source: {name}\nMaintainer: Kiln Tests <tests@invalid>\nStandards-Version: 4.6.2\n\nPackage: {name}\nArchitecture: any\nDescription: test fixture\n");
        File.WriteAllText(Path.Combine(tree, "debian", "changelog"),
            $"{name} ({version}) unstable; urgency=medium\n\n  * Fixture.\n\n -- Kiln Tests <tests@invalid>  Thu, 01 Jan 2026 00:00:00 +0000\n");

        Run(outputDirectory, "dpkg-source", "-b", tree);
        Directory.Delete(Path.Combine(outputDirectory, ".trees"), recursive: true);
        return Path.Combine(outputDirectory, $"{name}_{version}.dsc");
    }

    /// <summary>Writes the Sources index of a flat repository and an apt configuration directory whose only source is it.</summary>
    public static string ServeAsAptRepository(string repositoryDirectory, string aptConfigurationDirectory)
    {
        var index = ProcessRunner.CaptureAsync(["dpkg-scansources", "."], repositoryDirectory, CancellationToken.None).GetAwaiter().GetResult();
        File.WriteAllText(Path.Combine(repositoryDirectory, "Sources"), string.Join('\n', index.Split('\n').Where(l => !l.StartsWith("dpkg-scansources", StringComparison.Ordinal))));
        Directory.CreateDirectory(aptConfigurationDirectory);
        // Only binary entries are configured, as on a usual machine: the fetcher must derive the deb-src entry.
        File.WriteAllText(Path.Combine(aptConfigurationDirectory, "sources.list"), $"deb [trusted=yes] file:{repositoryDirectory} ./\n");
        return aptConfigurationDirectory;
    }

    public static ToolRecipe RecipeFor(string dscPath, string name, string version, ToolKind kind = ToolKind.Tool, params string[] dependsOn) => new(
        Name: name,
        Kind: kind,
        SourcePackage: name,
        Version: version,
        DscSha256: ContentHash.OfFile(dscPath),
        DependsOn: dependsOn,
        Binaries: kind == ToolKind.Tool ? [name] : [],
        Licence: "MIT",
        ConfigureFlags: [],
        RecipeFile: $"tools/{name}/tool.json");

    private static void Run(string workingDirectory, params string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = ProcessRunner.RunAsync(arguments, workingDirectory, null, output, CancellationToken.None).GetAwaiter().GetResult();
        if (exitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', arguments)} failed: {output}");
    }
}
