using Kiln.Dist;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Targets;

/// <summary>The release: dist/ with one archive per arch, the tools' sources, a manifest and checksums.</summary>
partial class Build
{
    [Parameter("Seconds since 1970 for every timestamp in the release (default: the commit time of HEAD)")]
    readonly long? SourceDateEpoch;

    AbsolutePath DistDirectory => RootDirectory / "dist";
    AbsolutePath PublishDirectory => RootDirectory / ".build" / "publish" / "sysreport";

    SourceRevision? _revision;

    async Task<SourceRevision> RevisionAsync(CancellationToken cancellationToken) =>
        _revision ??= await SourceRevision.ReadAsync(RootDirectory, SourceDateEpoch, cancellationToken);

    IReadOnlyList<ToolsManifest> BuiltTools => ToolsStages.BuiltTools();

    IReadOnlyList<PublishedProduct> Products => ToolsStages.Architectures().Select(a => ProductPublisher.Describe(PublishDirectory, a.Name)).ToList();

    Target Publish => _ => _
        .Description("Publishes the sysreport program for each arch to .build/publish/sysreport; an unchanged publish is reused")
        .Executes(async context =>
        {
            var revision = await RevisionAsync(context.CancellationToken);
            var products = await new ProductPublisher(DotNet, RootDirectory / "src" / "SysReport" / "SysReport.csproj", PublishDirectory)
                .PublishAsync(ToolsStages.Architectures().Select(a => a.Name).ToList(), revision.Version, context.CancellationToken);
            context.Note($"{revision.Version}: {string.Join(", ", products.Select(p => $"{p.Arch} {p.Mode}"))}");
        });

    Target Dist => _ => _
        .Description("Writes dist/: an archive per arch with the product and its tools, and oss_source.tgz")
        .DependsOn(Tools, Publish)
        .Triggers(Manifest)
        .Executes(async context =>
        {
            var revision = await RevisionAsync(context.CancellationToken);
            var sources = await ToolsStages.AssembleSourcesAsync(context.CancellationToken);
            var products = Products;
            var data = await ToolsStages.DataFilesAsync(context.CancellationToken);
            var written = new DistPackager(RootDirectory, revision, Log).Package(BuiltTools, products, sources, data);
            context.Note($"{revision.Version}: {string.Join(", ", written)}");
        });

    Target Manifest => _ => _
        .Description("Writes dist/manifest.json (version, commit, tools per arch, every archive's size and SHA-256) and the SPDX SBOM")
        .DependsOn(Dist)
        .Triggers(Checksums)
        .Executes(async context =>
        {
            var fingerprints = await FingerprintsAsync(context.CancellationToken);
            var revision = await RevisionAsync(context.CancellationToken);
            var data = await ToolsStages.DataFilesAsync(context.CancellationToken);
            var manifest = ReleaseIntegrity.WriteManifest(DistDirectory, revision, BuiltTools, fingerprints, data);
            SpdxDocument.Write(DistDirectory, revision, BuiltTools, ToolsStages.Recipes(), data, Products);
            context.Note($"{manifest.Artifacts.Count} artifacts, {SpdxDocument.FileName}");
        });

    Target Checksums => _ => _
        .Description("Writes <archive>.md5.txt for each archive, SHA256SUMS over every file in dist/, and the provenance of those files")
        .DependsOn(Manifest)
        .Executes(async context =>
        {
            var sums = ReleaseIntegrity.WriteChecksums(DistDirectory);
            Provenance.Write(DistDirectory, sums, new ProvenanceInputs(
                await RevisionAsync(context.CancellationToken),
                InvokedTargets,
                BuiltTools.Select(t => t.Arch).ToList(),
                ToolsStages.Recipes().Select(r => r.Name).ToList(),
                (await ToolsStages.ExecutorAsync(context.CancellationToken)).Name,
                BaseImage,
                ToolsStages.BuilderImageTag,
                await DotNet.SdkVersionAsync(context.CancellationToken),
                BuiltTools,
                await ToolsStages.DataFilesAsync(context.CancellationToken),
                Products,
                await FingerprintsAsync(context.CancellationToken)));
            context.Note($"SHA256SUMS over {sums.Count} files; {Provenance.FileName}");
        });

    async Task<Dictionary<string, string>> FingerprintsAsync(CancellationToken cancellationToken) =>
        (await ToolsStages.FingerprintAsync(cancellationToken)).ToDictionary(a => a.Arch.Name, a => a.Key);
}
