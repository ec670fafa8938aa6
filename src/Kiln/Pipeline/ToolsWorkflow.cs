using Docker.DotNet;
using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Docker;
using Kiln.Targets.Fingerprints;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Pipeline;

/// <summary>
/// The tools half of the release, shared by the ToolsFingerprint, ToolsCache, BuilderImage, Tools and Dist targets of
/// one run. Each stage asks for what it needs (the executor, the fingerprints, the cache's answer) and gets it computed
/// once, whichever target asked first: a target whose producer was skipped computes the data itself instead of
/// finding it missing.
/// </summary>
internal sealed partial class ToolsWorkflow(ToolsSettings settings, TextWriter log) : IDisposable
{
    /// <summary>Bumped when the meaning of recipes or of the fingerprint's named inputs changes.</summary>
    public const string FingerprintFormat = "4";

    private readonly CheckoutLayout _layout = new(settings.RootDirectory) { RecipesFolder = settings.RecipesFolder };
    private readonly RemoteTier? _remote = settings.RemoteCache is { } options
        ? new RemoteTier(options with { Trust = new EntryTrust(settings.Keys.SigningKey, settings.Keys.Trusted) }, log)
        : null;
    private IDockerClient? _docker;
    private CheckoutLock? _checkoutLock;
    private Task<IToolExecutor>? _executor;
    private Task<IReadOnlyList<ArchState>>? _fingerprints;
    private Task<IReadOnlyList<ArchState>>? _restored;
    private IReadOnlyList<ToolRecipe>? _recipes;
    private SourcePackageStore? _sources;
    private IToolsCacheStore? _store;
    private Task<IReadOnlyList<FetchedDataFile>>? _dataFiles;
    private string? _savesOffReason;

    private readonly ToolsCacheStore _localStore = new(settings.CacheDirectory, settings.CacheMaxBytes)
    {
        Trust = EntryTrust.ForLocalStore(settings.CacheDirectory, settings.Keys.SigningKey, settings.Keys.Trusted),
    };

    /// <summary>The tools cache: the local store, behind which the remote tier sits when one is configured.</summary>
    public IToolsCacheStore Store => _store ??= _remote?.Over(_localStore) ?? _localStore;

    /// <summary>
    /// The folders of <paramref name="cacheDirectory"/> that carry an arch's tools between CI jobs, with
    /// <see cref="GitHubActionsSettings.ArchPlaceholder"/> for the arch: its whole-arch entries, its per-tool entries (so
    /// that after a change to one recipe CI rebuilds that tool only) and the verified sources.
    /// </summary>
    public static IReadOnlyList<AbsolutePath> ArchCacheFolders(AbsolutePath cacheDirectory) =>
    [
        cacheDirectory / GitHubActionsSettings.ArchPlaceholder,
        cacheDirectory / ToolState.ScopeOf(GitHubActionsSettings.ArchPlaceholder, "*"),
        cacheDirectory / SourcePackageStore.DirectoryName,
    ];

    /// <summary>Verified source packages, beside the tools cache so that whatever carries the cache carries them too.</summary>
    public SourcePackageStore Sources => _sources ??= new(Path.Combine(settings.CacheDirectory, SourcePackageStore.DirectoryName), log) { Remote = _remote?.Packages, Snapshot = settings.SnapshotArchive };

    /// <summary>The content tag the builder image has (or would have), for the provenance whichever executor ran.</summary>
    public string BuilderImageTag => BuilderImage.TagFor(File.ReadAllBytes(settings.BuilderDockerfile), settings.BaseImage);

    /// <summary>The executor of this run with its toolchain ready, so that its toolchain key names what will compile.</summary>
    public Task<IToolExecutor> ExecutorAsync(CancellationToken cancellationToken) => _executor ??= CreateExecutorAsync(cancellationToken);

    /// <summary>The key of each selected arch: every file under tools/ plus every named input that shapes the binaries.</summary>
    public Task<IReadOnlyList<ArchState>> FingerprintAsync(CancellationToken cancellationToken) =>
        _fingerprints ??= ComputeFingerprintsAsync(cancellationToken);

    /// <summary>The arches the cache did not serve in this run; every arch when the cache was not consulted.</summary>
    public async Task<IReadOnlyList<ArchState>> MissedAsync(CancellationToken cancellationToken) =>
        (await FingerprintAsync(cancellationToken)).Where(a => !a.IsServed).ToList();

    /// <summary>The selected recipes with their libraries, loaded and validated once per run.</summary>
    public IReadOnlyList<ToolRecipe> Recipes()
    {
        if (_recipes is not null)
            return _recipes;
        var set = ToolRecipeSet.Load(_layout.RecipesDirectory, _layout.RecipesValidatedFile);
        try
        {
            return _recipes = set.Select(settings.ToolNames);
        }
        catch (ArgumentException e)
        {
            throw new BuildException($"{settings.Parameters.Tools}: {e.Message}");
        }
    }

    public IReadOnlyList<ToolArchitecture> Architectures()
    {
        try
        {
            return ToolArchitecture.ParseList(string.Join(",", settings.Architectures));
        }
        catch (ArgumentException e)
        {
            throw new BuildException($"{settings.Parameters.Architectures}: {e.Message}");
        }
    }

    /// <summary>The tools of each selected arch in <c>.build/tools/&lt;arch&gt;</c>, as the cache restored or the Tools stage built them.</summary>
    public IReadOnlyList<ToolsManifest> BuiltTools() => Architectures().Select(arch =>
    {
        var file = Path.Combine(_layout.OutputDirectory(arch), ToolsManifest.FileName);
        return File.Exists(file)
            ? ToolsManifest.Read(file)
            : throw new BuildException($"No tools for {arch.Name}: {file} does not exist. The ToolsCache and Tools targets produce it; do not skip both.");
    }).ToList();

    /// <summary>The verified sources of the selected recipes in <c>.build/sources/&lt;tool&gt;</c>, downloaded only when the store lacks them.</summary>
    public async Task<string> AssembleSourcesAsync(CancellationToken cancellationToken)
    {
        var directory = await Sources.AssembleAsync(Recipes(), _layout.SourcesDirectory, await ExecutorAsync(cancellationToken), cancellationToken);
        await FlushUploadsAsync();
        return directory;
    }

    /// <summary>The data files every archive ships (pci.ids), from verified .debs in the source store.</summary>
    public Task<IReadOnlyList<FetchedDataFile>> DataFilesAsync(CancellationToken cancellationToken) =>
        _dataFiles ??= FetchDataFilesAsync(cancellationToken);

    /// <summary>
    /// Waits for the uploads this stage queued; the summary line, or none when nothing was queued. With
    /// <see cref="ToolsSettings.CheckReproducible"/>, an entry the server holds with other bytes than this build made
    /// fails the stage, with diffoscope's account of the difference.
    /// </summary>
    public async Task<IReadOnlyList<string>> FlushUploadsAsync()
    {
        if (_remote is null)
            return [];
        var line = await _remote.Uploads.FlushAsync();
        if (_remote.Uploads.TakeDivergences() is { Count: > 0 } diverged && settings.CheckReproducible)
            throw new BuildException($"{settings.Parameters.CheckReproducible}: {diverged.Count} {(diverged.Count == 1 ? "entry" : "entries")} built to other bytes than the remote cache holds for the same key:{Environment.NewLine}"
                + await _remote.DescribeAsync(diverged, _localStore, CancellationToken.None));
        return line is null ? [] : [line];
    }

    /// <summary>
    /// Runs a stage that queues uploads. When it fails or is cancelled (Ctrl-C), its queued uploads are still waited
    /// for (cancelled ones end at once), so the run says what reached the server and what did not before the failure
    /// surfaces.
    /// </summary>
    private async Task<T> FlushingUploadsOnFailureAsync<T>(Func<Task<T>> stage)
    {
        try
        {
            return await stage();
        }
        catch (Exception)
        {
            if (_remote is not null)
                await _remote.Uploads.FlushAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _checkoutLock?.Dispose();
        _docker?.Dispose();
        _remote?.Dispose();
    }

    private IDockerClient Docker => _docker ??= new DockerClientBuilder().Build();

    private async Task<IReadOnlyList<FetchedDataFile>> FetchDataFilesAsync(CancellationToken cancellationToken)
    {
        var files = await new BinaryPackageFetcher(_layout, Sources, log)
            .FetchAsync(DataRecipe.LoadAll(_layout.RecipesDirectory), await ExecutorAsync(cancellationToken), cancellationToken);
        await FlushUploadsAsync();
        return files;
    }

    private async Task<IToolExecutor> CreateExecutorAsync(CancellationToken cancellationToken)
    {
        // Every tools stage asks for the executor first, so taking the lock here guards all their writes to .build/.
        _checkoutLock = CheckoutLock.Acquire(_layout);
        var kind = settings.Executor;
        if (kind == ExecutorKind.Auto)
        {
            var availability = await DockerAvailability.ProbeAsync(cancellationToken: cancellationToken);
            kind = availability.IsAvailable ? ExecutorKind.Docker : ExecutorKind.Local;
            log.WriteLine($"executor: {kind.ToString().ToLowerInvariant()} ({availability.Description})");
        }

        IToolExecutor executor = kind == ExecutorKind.Docker
            ? new DockerToolExecutor(Docker, settings.BuilderDockerfile, settings.BaseImage, settings.RootDirectory)
            {
                PackagesMemoFile = _layout.BuilderImagePackagesFile,
            }
            : new LocalToolExecutor
            {
                AptStateDirectory = _layout.AptDirectory,
                ToolchainMemoFile = _layout.ToolchainMemoFile,
            };
        await executor.EnsureToolchainAsync(Architectures(), log, cancellationToken);
        return executor;
    }

    private async Task<IReadOnlyList<ArchState>> ComputeFingerprintsAsync(CancellationToken cancellationToken)
    {
        // Recipes first: a broken recipe fails before the toolchain is installed or anything is downloaded.
        var recipes = Recipes();
        var executor = await ExecutorAsync(cancellationToken);
                var files = await Fingerprinter.ComputeAsync(_layout.RecipesDirectory, new Dictionary<string, string>(), _layout.StatCacheFile, cancellationToken);
        var arches = new List<ArchState>();
        foreach (var arch in Architectures())
        {
            var shared = new Dictionary<string, string>
            {
                ["format"] = FingerprintFormat,
                ["recipe-format"] = ToolRecipe.FormatVersion.ToString(),
                ["arch"] = arch.Name,
                // The machine that runs the compilers: an aarch64 entry built natively and one cross-compiled differ.
                ["builder-host-arch"] = ToolArchitecture.HostName,
                ["executor"] = executor.Name,
                ["toolchain"] = await executor.ToolchainKeyAsync(arch, cancellationToken),
                ["builder-dockerfile"] = Fingerprinter.HashFile(settings.BuilderDockerfile),
                ["base-image"] = settings.BaseImage,
            };
            var archInputs = files.With(shared).With("tools", string.Join(",", recipes.Select(r => r.Name)));
            arches.Add(new ArchState(arch, archInputs, ToolKeys.For(arch, recipes, files, shared, ToolsSourceDateEpoch)));
        }

        return arches;
    }
}
