using Kiln.Dist;
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

    Target Dist => _ => _
        .Description("Writes dist/: an archive per arch with the product and its tools, and oss_source.tgz")
        .DependsOn(Tools)
        .Triggers(Manifest)
        .Executes(async context =>
        {
            var revision = await RevisionAsync(context.CancellationToken);
            var tools = ToolsStages.BuiltTools();
            var sources = await ToolsStages.AssembleSourcesAsync(context.CancellationToken);
            await DotNet.PublishAsync(RootDirectory / "src" / "SysReport" / "SysReport.csproj", "Release", PublishDirectory,
                [$"Version={revision.Version}"], context.CancellationToken);
            var written = new DistPackager(RootDirectory, revision, Log).Package(tools, PublishDirectory, sources);
            context.Note($"{revision.Version}: {string.Join(", ", written)}");
        });

    Target Manifest => _ => _
        .Description("Writes dist/manifest.json: version, commit, tools per arch, every archive's size and SHA-256")
        .DependsOn(Dist)
        .Triggers(Checksums)
        .Executes(async context =>
        {
            var fingerprints = (await ToolsStages.FingerprintAsync(context.CancellationToken)).ToDictionary(a => a.Arch.Name, a => a.Key);
            var manifest = ReleaseIntegrity.WriteManifest(DistDirectory, await RevisionAsync(context.CancellationToken), ToolsStages.BuiltTools(), fingerprints);
            context.Note($"{manifest.Artifacts.Count} artifacts");
        });

    Target Checksums => _ => _
        .Description("Writes <archive>.md5.txt for each archive and SHA256SUMS over every file in dist/")
        .DependsOn(Manifest)
        .Executes(context => context.Note($"SHA256SUMS over {ReleaseIntegrity.WriteChecksums(DistDirectory).Count} files"));
}
