using System.Text;
using Kiln.Archives;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Dist;

/// <summary>
/// Writes the release archives: one per arch holding the launcher, the published app, that arch's tools, the licences
/// and a manifest, plus <c>oss_source.tgz</c> with the exact source packages. Everything goes to a staging folder that
/// replaces <c>dist/</c> only once complete, so a failed run never leaves a half-written file under a final name.
/// </summary>
internal sealed class DistPackager(CheckoutLayout layout, SourceRevision revision, TextWriter log)
{
    /// <param name="products">The self-contained program of each arch (<see cref="ProductPublisher"/>).</param>
    /// <param name="sourcesDirectory">Verified source packages, one folder per tool (<see cref="SourcePackageStore"/>).</param>
    /// <param name="data">Data files every archive ships at its root, such as pci.ids (<see cref="BinaryPackageFetcher"/>).</param>
    public IReadOnlyList<string> Package(IReadOnlyList<ToolsManifest> tools, IReadOnlyList<PublishedProduct> products, string sourcesDirectory,
        IReadOnlyList<FetchedDataFile> data)
    {
        var epoch = DateTimeOffset.FromUnixTimeSeconds(revision.SourceDateEpoch);
        var staging = layout.DistStagingDirectory($"{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var written = new List<string>();
            foreach (var arch in tools)
            {
                var name = ReleaseFiles.ArchiveName(arch.Arch);
                var product = products.SingleOrDefault(p => p.Arch == arch.Arch)
                    ?? throw new BuildException($"No sysreport program was published for {arch.Arch}.");
                PackArchive(Path.Combine(staging, name), ArchEntries(arch, product, data, staging), epoch);
                written.Add(name);
                log.WriteLine($"{name}: {arch.Tools.Count(t => t.Kind == ToolKind.Tool)} tools for {arch.Arch}");
            }

            PackArchive(Path.Combine(staging, ReleaseFiles.Sources), SourceEntries(tools, sourcesDirectory, data), epoch);
            written.Add(ReleaseFiles.Sources);
            foreach (var generated in Directory.GetDirectories(staging))
                Directory.Delete(generated, recursive: true);
            Replace(layout.DistDirectory, staging);
            return written;
        }
        catch
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private IEnumerable<ArchiveEntry> ArchEntries(ToolsManifest tools, PublishedProduct program, IReadOnlyList<FetchedDataFile> data, string staging)
    {
        var generated = Path.Combine(staging, $"generated-{tools.Arch}");
        Directory.CreateDirectory(generated);
        var manifest = Path.Combine(generated, "manifest.json");
        File.WriteAllText(manifest, ArchiveManifestFor(tools, data).ToJson());
        var thirdParty = Path.Combine(generated, "THIRD_PARTY_PROGRAMS");
        File.WriteAllText(thirdParty, ThirdPartyPrograms(tools, data));

        var product = ReleaseFiles.Product;
        yield return ArchiveEntry.File($"{product}/{product}", layout.LauncherFile, executable: true);
        yield return ArchiveEntry.File($"{product}/LICENSE", layout.LicenceFile, executable: false);
        yield return ArchiveEntry.File($"{product}/THIRD_PARTY_PROGRAMS", thirdParty, executable: false);
        yield return ArchiveEntry.File($"{product}/manifest.json", manifest, executable: false);
        yield return ArchiveEntry.File($"{product}/app/{product}", program.Program, executable: true);
        foreach (var file in data)
            yield return ArchiveEntry.File($"{product}/{file.Recipe.Name}", file.DataFile, executable: false);
        var toolsDirectory = layout.OutputDirectory(tools.Arch);
        foreach (var binary in tools.Tools.SelectMany(t => t.Binaries))
        {
            var path = Path.Combine(toolsDirectory, binary.Path);
            if (!File.Exists(path))
                throw new BuildException($"{Path.Combine(toolsDirectory, ToolsManifest.FileName)} lists {binary.Path}, which is missing; run ./build.sh Tools --skip-tools-cache.");
            yield return ArchiveEntry.File($"{product}/tools/{tools.Arch}/bin/{binary.Name}", path, executable: true);
        }
    }

    /// <summary>Each tool's source package, and each data file's .deb: it holds the data file itself, as its source does.</summary>
    private static IEnumerable<ArchiveEntry> SourceEntries(IReadOnlyList<ToolsManifest> tools, string sourcesDirectory, IReadOnlyList<FetchedDataFile> data)
    {
        foreach (var file in data.OrderBy(d => d.Recipe.Name, StringComparer.Ordinal))
            yield return ArchiveEntry.File($"oss_source/{file.Recipe.Name}/{Path.GetFileName(file.DebFile)}", file.DebFile, executable: false);
        foreach (var tool in tools.SelectMany(t => t.Tools).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var folder = Path.Combine(sourcesDirectory, tool.Name);
            if (!Directory.Exists(folder))
                throw new BuildException($"The source package of {tool.Name} is missing from {sourcesDirectory}.");
            foreach (var file in Directory.GetFiles(folder))
                yield return ArchiveEntry.File($"oss_source/{tool.Name}/{Path.GetFileName(file)}", file, executable: false);
        }
    }

    private ArchiveManifest ArchiveManifestFor(ToolsManifest tools, IReadOnlyList<FetchedDataFile> data) =>
        new(revision.Version, revision.Commit, revision.Date, tools.Arch,
            tools.Tools.Where(t => t.Kind == ToolKind.Tool)
                .Select(t => new ArchiveManifestTool(t.Name, t.Version, t.SourcePackage, t.Licence, t.Binaries.Select(b => b.Name).ToList()))
                .ToList(),
            data.Select(d => new ArchiveManifestData(d.Recipe.Name, d.Recipe.Version, d.Recipe.SourcePackage, d.Recipe.Licence, d.Recipe.Name)).ToList());

    private static string ThirdPartyPrograms(ToolsManifest tools, IReadOnlyList<FetchedDataFile> data)
    {
        var text = new StringBuilder();
        text.Append("This distribution includes the following open-source programs, built from the Debian source packages\n");
        text.Append("named below; their exact sources are published beside it as oss_source.tgz.\n\n");
        foreach (var tool in tools.Tools.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var role = tool.Kind == ToolKind.Tool ? "program" : "library, statically linked";
            text.Append($"{tool.Name} {tool.Version} ({role})\n  licence: {tool.Licence}\n  source package: {tool.SourcePackage} {tool.Version} (dsc sha256 {tool.DscSha256})\n\n");
        }

        foreach (var file in data.Select(d => d.Recipe).OrderBy(r => r.Name, StringComparer.Ordinal))
            text.Append($"{file.Name} {file.Version} (data file)\n  licence: {file.Licence}\n  binary package: {file.BinaryPackage} {file.Version} (deb sha256 {file.DebSha256}), source package {file.SourcePackage}\n\n");

        return text.ToString();
    }

    private static void PackArchive(string path, IEnumerable<ArchiveEntry> entries, DateTimeOffset epoch)
    {
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        TarGz.Pack(entries, output, epoch);
        output.Flush(flushToDisk: true);
    }

    /// <summary>Swaps the complete staging folder in for dist/: the old release is moved aside first, then deleted.</summary>
    private static void Replace(string dist, string staging)
    {
        var old = dist + $".old-{Guid.NewGuid():N}";
        if (Directory.Exists(dist))
            Directory.Move(dist, old);
        Directory.Move(staging, dist);
        if (Directory.Exists(old))
            Directory.Delete(old, recursive: true);
    }
}
