using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Pipeline;
using Kiln.Signing;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools.Sources.Snapshot;

namespace Kiln.Components;

/// <summary>
/// The native tools: fingerprint, cache, builder image, compilation (<see cref="ToolsWorkflow"/>), with their parameters.
/// A build that keeps its recipes elsewhere, or its builder image's Dockerfile, implements <see cref="RecipesFolder"/> or
/// <see cref="BuilderDockerfile"/> again.
/// </summary>
internal interface ITools : ICheckout
{
    [Parameter("Architectures to build tools for (x86_64, aarch64)")]
    string[] Arch => ParameterValue(nameof(Arch), new[] { "x86_64", "aarch64" });

    [Parameter("Tools to build, with the libraries they need (default: all)", Name = "Tools")]
    string[] ToolNames => ParameterValue(nameof(ToolNames), Array.Empty<string>());

    [Parameter("Where tools compile: auto uses Docker when its Engine API answers")]
    ExecutorKind Executor => ParameterValue(nameof(Executor), ExecutorKind.Auto);

    [Parameter("Tools cache directory (default: tools-cache/)")]
    AbsolutePath? ToolsCacheDir => ParameterValue<AbsolutePath?>(nameof(ToolsCacheDir), null);

    [Parameter("Tools cache size cap in bytes; least recently used entries beyond it are evicted")]
    long ToolsCacheMaxSize => ParameterValue(nameof(ToolsCacheMaxSize), ToolsCacheStore.DefaultMaxBytes);

    [Parameter("Rebuild the tools even when the cache has them (the result is still saved)")]
    bool SkipToolsCache => ParameterValue(nameof(SkipToolsCache), false);

    [Parameter("Fail instead of rebuilding when the tools cache misses")]
    bool RequireToolsCacheHit => ParameterValue(nameof(RequireToolsCacheHit), false);

    [Parameter("On a cache miss, list every input that differs from the nearest entry")]
    bool Explain => ParameterValue(nameof(Explain), false);

    [Parameter("How many tool builds run at once; their make -j together stays within the CPU count (default: the number of CPUs)")]
    int Jobs => ParameterValue(nameof(Jobs), Environment.ProcessorCount);

    [Parameter("Remote tools cache URL (Bazel's HTTP cache layout: ac/ and cas/), e.g. an nginx WebDAV location; the token only from the environment: its variable plus _TOKEN, or _READ_TOKEN for restores only")]
    string? RemoteCache => ParameterValue<string?>(nameof(RemoteCache), null);

    [Parameter("read: only restore from the remote tools cache (untrusted builds); read-write: also upload what this build creates")]
    RemoteCacheMode RemoteCacheMode => ParameterValue(nameof(RemoteCacheMode), RemoteCacheMode.ReadWrite);

    [Parameter("Fail when the remote tools cache holds other bytes than this build made for the same key (a nondeterministic recipe), with diffoscope's account; otherwise a warning")]
    bool CheckReproducible => ParameterValue(nameof(CheckReproducible), false);

    [Parameter("PushToolsCache: push every entry of the local tools cache, not only those of the current keys")]
    bool PushEveryEntry => ParameterValue(nameof(PushEveryEntry), false);

    [Parameter("Base image of the builder image")]
    string BaseImage => ParameterValue(nameof(BaseImage), "debian:bookworm");

    [Parameter("Snapshot archive with the layout of Debian's (mr/package/<source>/<version>/srcfiles, file/<sha1>) that serves a pinned source package apt no longer serves, verified against the same pins (none by default, since the repository names no archive host: give Debian's snapshot archive or a team's mirror of it)")]
    string SnapshotArchiveUrl => ParameterValue(nameof(SnapshotArchiveUrl), "");

    /// <summary>The folder of the tool recipes, relative to the root.</summary>
    string RecipesFolder => CheckoutLayout.DefaultRecipesFolder;

    /// <summary>The builder image's Dockerfile.</summary>
    string BuilderDockerfile => Layout.BuilderDockerfile;

    AbsolutePath ToolsCacheRoot => ToolsCacheDir ?? new AbsolutePath(Layout.DefaultToolsCacheDirectory);

    /// <summary>The signing key this build holds (only a trusted CI job has it) and the committed public keys it trusts, read once.</summary>
    BuildKeys Keys => BuildScoped.Once(this, () =>
        BuildKeys.Load(Environment.GetEnvironmentVariable, RemoteCacheParameters.DeprecatedSigningKeyVariable, Layout.TrustedKeysDirectory, Log));

    RemoteCacheParameters RemoteCacheParameters => new(ParameterNamed(nameof(RemoteCache)), ParameterNamed(nameof(RemoteCacheMode)));

    /// <summary>
    /// What the generated workflow takes from this component: the folders its arch cache carries, the remote cache's
    /// settings, and the key that signs the entries it uploads (and the release).
    /// </summary>
    GitHubActionsSettings ToolsWorkflowSettings => new()
    {
        ArchCachePaths = ToolsWorkflow.ArchCacheFolders(ToolsCacheRoot),
        StepEnvironment = [.. RemoteCacheParameters.WorkflowEnvironment, SigningKey.WorkflowVariable],
    };

    /// <summary>The stages the tools targets share, made once per build.</summary>
    ToolsWorkflow ToolsStages => BuildScoped.Once(this, () => new ToolsWorkflow(
        new ToolsSettings(RootDirectory, Arch, ToolNames, Executor,
            ToolsCacheDirectory.Checked(ToolsCacheRoot, ParameterNamed(nameof(ToolsCacheDir))), ToolsCacheMaxSize, BaseImage, BuilderDockerfile)
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
            RecipesFolder = RecipesFolder,
            SnapshotArchive = SnapshotArchive.Create(SnapshotArchiveUrl, ParameterNamed(nameof(SnapshotArchiveUrl))),
            Keys = Keys,
        },
        Log));

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
