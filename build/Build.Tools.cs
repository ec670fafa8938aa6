using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Pipeline;
using Kiln.Targets;
using Kiln.Targets.Foundation;

/// <summary>The native tools: fingerprint, cache, builder image, compilation.</summary>
partial class Build
{
    [Parameter("Architectures to build tools for (x86_64, aarch64)")]
    readonly string[] Arch = ["x86_64", "aarch64"];

    [Parameter("Tools to build, with the libraries they need (default: all)", Name = "Tools")]
    readonly string[] ToolNames = [];

    [Parameter("Where tools compile: auto uses Docker when its Engine API answers")]
    readonly ExecutorKind Executor = ExecutorKind.Auto;

    [Parameter("Tools cache directory (default: tools-cache/)")]
    readonly AbsolutePath? ToolsCacheDir;

    [Parameter("Tools cache size cap in bytes; least recently used entries beyond it are evicted")]
    readonly long ToolsCacheMaxSize = ToolsCacheStore.DefaultMaxBytes;

    [Parameter("Rebuild the tools even when the cache has them (the result is still saved)")]
    readonly bool SkipToolsCache;

    [Parameter("Fail instead of rebuilding when the tools cache misses")]
    readonly bool RequireToolsCacheHit;

    [Parameter("On a cache miss, list every input that differs from the nearest entry")]
    readonly bool Explain;

    [Parameter("How many tool builds run at once; their make -j together stays within the CPU count (default: the number of CPUs)")]
    readonly int Jobs = Environment.ProcessorCount;

    [Parameter("Remote tools cache URL (Bazel's HTTP cache layout: ac/ and cas/), e.g. an nginx WebDAV location; the token and signing key only from the environment: its variable plus _TOKEN and _SIGNING_KEY")]
    readonly string? RemoteCache;

    [Parameter("read: only restore from the remote tools cache (untrusted builds); read-write: also upload what this build creates")]
    readonly RemoteCacheMode RemoteCacheMode = RemoteCacheMode.ReadWrite;

    [Parameter("Fail when the remote tools cache holds other bytes than this build made for the same key (a nondeterministic recipe), with diffoscope's account; otherwise a warning")]
    readonly bool CheckReproducible;

    [Parameter("PushToolsCache: push every entry of the local tools cache, not only those of the current keys")]
    readonly bool PushEveryEntry;

    [Parameter("Base image of the builder image")]
    readonly string BaseImage = "debian:bookworm";

    AbsolutePath ToolsCacheRoot => ToolsCacheDir ?? new AbsolutePath(Layout.DefaultToolsCacheDirectory);

    RemoteCacheParameters RemoteCacheParameters => new(ParameterNamed(nameof(RemoteCache)), ParameterNamed(nameof(RemoteCacheMode)));

    ToolsWorkflow? _tools;

    ToolsWorkflow ToolsStages => _tools ??= new ToolsWorkflow(
        new ToolsSettings(RootDirectory, Arch, ToolNames, Executor,
            ToolsCacheDirectory.Checked(ToolsCacheRoot, ParameterNamed(nameof(ToolsCacheDir))), ToolsCacheMaxSize, BaseImage, Layout.BuilderDockerfile)
        {
            Parameters = new ToolsParameterNames(ParameterNamed(nameof(Arch)), ParameterNamed(nameof(Tools)) /* ToolNames is the parameter Tools */, ParameterNamed(nameof(Jobs)),
                ParameterNamed(nameof(ToolsCacheDir)), ParameterNamed(nameof(SkipToolsCache)), ParameterNamed(nameof(RequireToolsCacheHit)),
                ParameterNamed(nameof(CheckReproducible)), RemoteCacheParameters),
            SkipCache = SkipToolsCache,
            RequireHit = RequireToolsCacheHit,
            Explain = Explain,
            CheckReproducible = CheckReproducible,
            Jobs = Jobs,
            LiveProgress = IsInteractive,
            RemoteCache = RemoteCacheOptions.Create(RemoteCache, RemoteCacheMode, RemoteCacheParameters, Environment.GetEnvironmentVariable),
        },
        Log);

    Target ToolsFingerprint => _ => _
        .Description("Prints the tools cache key of each arch (and writes them to GITHUB_OUTPUT)")
        .Executes(async context => context.Note(await ToolsStages.PublishFingerprintsAsync(context.CancellationToken)));

    Target ToolsCache => _ => _
        .Description("Restores the tools of every arch whose verified cache entry matches its fingerprint")
        .Executes(async context => context.Note(await ToolsStages.RestoreAsync(context.CancellationToken)));

    Target BuilderImage => _ => _
        .Description("Builds the hermetic toolchain image (Docker executor only)")
        .DependsOn(ToolsCache)
        .OnlyWhenDynamic(async ct => (await ToolsStages.MissedAsync(ct)).Count > 0, () => "every arch hit the tools cache")
        .OnlyWhenDynamic(async ct => (await ToolsStages.ExecutorAsync(ct)).UsesBuilderImage, () => "the local executor needs no image")
        .Executes(async context => context.Note(await ToolsStages.PrepareExecutorAsync(context.CancellationToken)));

    Target Tools => _ => _
        .Description("Compiles the native tools for each arch the cache missed, and saves them to the cache")
        .DependsOn(ToolsCache, BuilderImage)
        .OnlyWhenDynamic(async ct => (await ToolsStages.MissedAsync(ct)).Count > 0, () => ToolsStages.HitSummary())
        .Executes(async context => context.Note(await ToolsStages.BuildMissedAsync(context.CancellationToken)));

    Target PushToolsCache => _ => _
        .Description("Uploads the local tools cache entries of the current keys that the remote cache lacks: seeds a new server")
        .Executes(async context => context.Note(await ToolsStages.PushAsync(PushEveryEntry, context.CancellationToken)));

    Target CleanToolsCache => _ => _
        .Description("Empties the tools cache")
        .Executes(() => ToolsStages.Store.Clear());
}
