using Kiln.DotNet;
using Kiln.Tools.Building;
using Kiln.Tools.Sources;
using Kiln.Tools;
using Kiln.Tools.Host;

namespace Kiln.Dist;

/// <summary>
/// The release half of the build, shared by the Publish, Dist, Manifest and Checksums targets of one run: the revision,
/// the published programs, the tools, the data files and the cache keys are each gathered once, by whichever target
/// asks first, so the manifest and the provenance describe exactly what the archives were packed from.
/// </summary>
internal sealed partial class ReleaseWorkflow(ReleaseSettings settings, IReleaseTools tools, DotNetCli dotNet, TextWriter log)
{
    private Task<SourceRevision>? _revision;
    private Task<string>? _sdkVersion;
    private IReadOnlyList<ToolsManifest>? _builtTools;
    private IReadOnlyList<PublishedProduct>? _products;
    private Task<IReadOnlyList<FetchedDataFile>>? _dataFiles;
    private Task<IReadOnlyDictionary<string, string>>? _cacheKeys;

    /// <summary>Which commit the release is built from, read from git once: a commit made during the run does not split the release.</summary>
    public Task<SourceRevision> RevisionAsync(CancellationToken cancellationToken) =>
        _revision ??= SourceRevision.ReadAsync(settings.Layout.RootDirectory, settings.SourceDateEpoch, cancellationToken);

    /// <summary>Where each arch's program is published, whether Publish ran in this run or an earlier one.</summary>
    public IReadOnlyList<PublishedProduct> Products =>
        _products ??= tools.ArchitectureNames.Select(arch => ProductPublisher.Describe(settings.Layout.PublishDirectory, arch)).ToList();

    /// <summary>
    /// Publishes the program for each arch (an unchanged publish is reused), after installing what the arches' modes need
    /// on this host; the note names each arch's mode.
    /// </summary>
    public async Task<string> PublishAsync(CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(cancellationToken);
        var prerequisites = new HostPrerequisites(log) { Purpose = PublishHost.Purpose(tools.ArchitectureNames) };
        var products = await new ProductPublisher(dotNet, settings.Layout.ProductProjectFile, settings.Layout.PublishDirectory, prerequisites, settings.Architectures)
            .PublishAsync(tools.ArchitectureNames, revision.Version, cancellationToken);
        return $"{revision.Version}: {string.Join(", ", products.Select(p => $"{p.Arch} {p.Mode}"))}";
    }

    /// <summary>Writes the archives and <c>oss_source.tgz</c> to <c>dist/</c>; the note names them.</summary>
    public async Task<string> PackageAsync(CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(cancellationToken);
        var sources = await tools.AssembleSourcesAsync(cancellationToken);
        var data = await DataFilesAsync(cancellationToken);
        var written = new DistPackager(settings.Layout, revision, log).Package(BuiltTools(), Products, sources, data);
        return $"{revision.Version}: {string.Join(", ", written)}";
    }

    /// <summary>Writes <c>dist/manifest.json</c> and the SPDX SBOM over the archives <see cref="PackageAsync"/> wrote.</summary>
    public async Task<string> WriteManifestAsync(CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(cancellationToken);
        var data = await DataFilesAsync(cancellationToken);
        var dist = settings.Layout.DistDirectory;
        var manifest = ReleaseIntegrity.WriteManifest(dist, revision, BuiltTools(), await CacheKeysAsync(cancellationToken), data);
        SpdxDocument.Write(dist, revision, BuiltTools(), tools.Recipes(), data, Products);
        return $"{manifest.Artifacts.Count} artifacts, {SpdxDocument.FileName}";
    }

    /// <summary>Writes the md5 files, SHA256SUMS, the provenance whose subjects are SHA256SUMS's lines, and its signed envelope when the build holds the key.</summary>
    public async Task<string> WriteChecksumsAsync(CancellationToken cancellationToken)
    {
        var dist = settings.Layout.DistDirectory;
        var sums = ReleaseIntegrity.WriteChecksums(dist);
        Provenance.Write(dist, sums, await ProvenanceInputsAsync(cancellationToken));
        Provenance.WriteEnvelope(dist, settings.SigningKey);
        return $"SHA256SUMS over {sums.Count} files; {Provenance.FileName}"
            + (settings.SigningKey is { } key ? $", {Provenance.EnvelopeFileName} signed by {key.KeyId[..12]}" : " (unsigned: no signing key)");
    }

    private async Task<ProvenanceInputs> ProvenanceInputsAsync(CancellationToken cancellationToken) => new(
        await RevisionAsync(cancellationToken),
        settings.InvokedTargets,
        BuiltTools().Select(t => t.Arch).ToList(),
        tools.Recipes().Select(r => r.Name).ToList(),
        await tools.ExecutorNameAsync(cancellationToken),
        settings.BaseImage,
        tools.BuilderImageTag,
        await (_sdkVersion ??= dotNet.SdkVersionAsync(cancellationToken)),
        BuiltTools(),
        await DataFilesAsync(cancellationToken),
        Products,
        await CacheKeysAsync(cancellationToken));

    private IReadOnlyList<ToolsManifest> BuiltTools() => _builtTools ??= tools.BuiltTools();

    private Task<IReadOnlyList<FetchedDataFile>> DataFilesAsync(CancellationToken cancellationToken) => _dataFiles ??= tools.DataFilesAsync(cancellationToken);

    private Task<IReadOnlyDictionary<string, string>> CacheKeysAsync(CancellationToken cancellationToken) => _cacheKeys ??= tools.CacheKeysAsync(cancellationToken);
}
