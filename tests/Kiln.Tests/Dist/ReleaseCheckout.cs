using Kiln.Dist;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tests.Dist;

/// <summary>
/// A checkout holding what the release packs, without compiling anything: one arch's stress binary and tools manifest,
/// a stand-in published program with its deps.json, the launcher, the licence, stress's source package and pci.ids.
/// </summary>
internal sealed class ReleaseCheckout : IDisposable
{
    public const string Arch = "x86_64";

    private readonly ScratchDirectory _root = new();

    public ReleaseCheckout()
    {
        Layout = new CheckoutLayout(_root.Path);
        Write(Layout.LicenceFile, "licence\n");
        Write(Layout.LauncherFile, "#!/bin/sh\n");
        var binary = Write(Path.Combine(Layout.OutputDirectory(Arch), "bin", "stress"), "stress for x86_64\n");
        Tools = new ToolsManifest(Arch, 1, "local", "gcc 12.2.0", [
            new BuiltTool("stress", ToolKind.Tool, "1.0.7-1", "stress", new string('d', 64), "GPL-2.0-or-later",
                [new BuiltBinary("stress", "bin/stress", FileDigests.Sha256(binary), new FileInfo(binary).Length)]),
        ]);
        Product = ProductPublisher.Describe(Layout.PublishDirectory, Arch);
        Write(Product.Program, "program for x86_64\n");
        Write(Product.DepsFile, """{ "libraries": { "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.0": { "type": "runtimepack" } } }""");
        Write(Path.Combine(Layout.SourcesDirectory, "stress", "stress_1.0.7-1.dsc"), "dsc\n");
        var recipe = new DataRecipe("pci.ids", "pci.ids", "pciutils-ids", "0.0~2023.04.11-1", new string('e', 64), "pci.ids", "GPL-2.0-or-later",
            Path.Combine(Layout.RecipesDirectory, "pci.ids", DataRecipe.RecipeFileName));
        Data = [new FetchedDataFile(recipe, Write(Path.Combine(Layout.BuildDirectory, "apt", "pci.ids_all.deb"), "deb\n"),
            Write(Path.Combine(Layout.BuildDirectory, "data", "pci.ids"), "8086  Intel Corporation\n"))];
    }

    public CheckoutLayout Layout { get; }

    public ToolsManifest Tools { get; }

    public PublishedProduct Product { get; }

    public IReadOnlyList<FetchedDataFile> Data { get; }

    public SourceRevision Revision { get; } =
        new("1.2.3", new string('a', 40), DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 1_700_000_000);

    public string Dist => Layout.DistDirectory;

    /// <summary>Packs the archives into dist/ as the Dist target does.</summary>
    public IReadOnlyList<string> Package() =>
        new DistPackager(Layout, Revision, TextWriter.Null).Package([Tools], [Product], Layout.SourcesDirectory, Data);

    public void Dispose() => _root.Dispose();

    private static string Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
