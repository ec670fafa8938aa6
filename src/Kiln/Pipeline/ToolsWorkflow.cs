using Docker.DotNet;
using Kiln.Caching;
using Kiln.Docker;
using Kiln.Fingerprints;
using Kiln.Tools;

namespace Kiln.Pipeline;

/// <summary>
/// The tools half of the release, shared by the ToolsFingerprint, ToolsCache, BuilderImage and Tools targets of one
/// run: it resolves the executor once, fingerprints each arch once, and remembers which arches the cache served.
/// </summary>
internal sealed partial class ToolsWorkflow(ToolsSettings settings, TextWriter log) : IDisposable
{
    /// <summary>Bumped when the meaning of recipes or of the fingerprint's named inputs changes.</summary>
    public const string FingerprintFormat = "1";

    private readonly ToolsLayout _layout = new(settings.RootDirectory);
    private ExecutorKind? _executor;
    private IDockerClient? _docker;
    private IReadOnlyList<ArchState>? _arches;
    private IReadOnlyList<ToolRecipe>? _recipes;

    public ToolsCacheStore Store { get; } = new(settings.CacheDirectory, settings.CacheMaxBytes);

    public ToolsLayout Layout => _layout;

    public IReadOnlyList<ArchState> Arches => _arches ?? throw new InvalidOperationException("Fingerprint the tools first.");

    public IReadOnlyList<ArchState> Missed => Arches.Where(a => !a.IsHit).ToList();

    /// <summary>The executor this run uses; <c>auto</c> becomes <c>docker</c> when the Engine API answers within a second.</summary>
    public async Task<ExecutorKind> ResolveExecutorAsync(CancellationToken cancellationToken)
    {
        if (_executor is { } resolved)
            return resolved;
        if (settings.Executor != ExecutorKind.Auto)
            return (_executor = settings.Executor).Value;
        var availability = await DockerAvailability.ProbeAsync(cancellationToken: cancellationToken);
        _executor = availability.IsAvailable ? ExecutorKind.Docker : ExecutorKind.Local;
        log.WriteLine($"executor: {_executor.ToString()!.ToLowerInvariant()} ({availability.Description})");
        return _executor.Value;
    }

    /// <summary>The key of each selected arch: every file under tools/ plus every named input that shapes the binaries.</summary>
    public async Task<IReadOnlyList<ArchState>> FingerprintAsync(CancellationToken cancellationToken)
    {
        if (_arches is not null)
            return _arches;
        var executor = await ResolveExecutorAsync(cancellationToken);
        var recipes = Recipes();
        var statCache = Path.Combine(settings.RootDirectory, ".nuke", "temp", "tools.statcache");
        var files = await Fingerprinter.ComputeAsync(_layout.RecipesDirectory, new Dictionary<string, string>(), statCache, cancellationToken);
        var arches = new List<ArchState>();
        foreach (var arch in Architectures())
        {
            var named = new Dictionary<string, string>
            {
                ["format"] = FingerprintFormat,
                ["recipe-format"] = ToolRecipe.FormatVersion.ToString(),
                ["arch"] = arch.Name,
                ["executor"] = executor.ToString().ToLowerInvariant(),
                ["toolchain"] = await ToolchainIdentityAsync(executor, arch, cancellationToken),
                ["builder-dockerfile"] = Fingerprinter.HashFile(settings.BuilderDockerfile),
                ["base-image"] = settings.BaseImage,
                ["tools"] = string.Join(",", recipes.Select(r => r.Name)),
            };
            arches.Add(new ArchState(arch, files.With(named)));
        }

        return _arches = arches;
    }

    /// <summary>The selected recipes with their libraries, loaded and validated once per run.</summary>
    public IReadOnlyList<ToolRecipe> Recipes()
    {
        if (_recipes is not null)
            return _recipes;
        var set = ToolRecipeSet.Load(_layout.RecipesDirectory);
        try
        {
            return _recipes = set.Select(settings.ToolNames);
        }
        catch (ArgumentException e)
        {
            throw new Targets.BuildException($"--tools: {e.Message}");
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
            throw new Targets.BuildException($"--arch: {e.Message}");
        }
    }

    public void Dispose() => _docker?.Dispose();

    private IDockerClient Docker => _docker ??= new DockerClientBuilder().Build();

    /// <summary>
    /// What fixes the compilers. On the host: the compilers' own version lines. In Docker: the builder image's content
    /// tag (Dockerfile and base reference), known without building the image, so a hit never needs Docker at all.
    /// </summary>
    private async Task<string> ToolchainIdentityAsync(ExecutorKind executor, ToolArchitecture arch, CancellationToken cancellationToken) =>
        executor == ExecutorKind.Docker
            ? BuilderImage.TagFor(await File.ReadAllBytesAsync(settings.BuilderDockerfile, cancellationToken), settings.BaseImage)
            : await new LocalToolExecutor().DescribeToolchainAsync(arch.Name, cancellationToken);
}
