using Kiln.Tools.Sources;

namespace Kiln.Tools.Executors;

/// <summary>
/// Where tool recipes run: on the host (<c>local</c>) or inside the builder image (<c>docker</c>).
/// The orchestration (recipe order, fetching, logs, tools.json) is the same for both; only the place differs.
/// </summary>
internal interface IToolExecutor : ISourcePackageDownloader
{
    /// <summary><c>local</c> or <c>docker</c>; part of the tools fingerprint.</summary>
    string Name { get; }

    /// <summary>Whether sandboxes run in a builder image, which the BuilderImage stage prepares before the first build.</summary>
    bool UsesBuilderImage { get; }

    /// <summary>
    /// Makes the compilers for <paramref name="architectures"/> ready, so that the toolchain key taken afterwards names
    /// the toolchain that will compile: on the host, missing packages are installed as root (or one error names them
    /// all); in Docker the builder image is built when missing and its installed packages are read.
    /// </summary>
    Task EnsureToolchainAsync(IReadOnlyList<ToolArchitecture> architectures, TextWriter log, CancellationToken cancellationToken);

    /// <summary>
    /// What fixes the compilers for <paramref name="arch"/>, for the tools fingerprint: the installed versions of every
    /// package that shapes the binaries (<see cref="ToolchainPackages"/>), read from the host's dpkg (with the compilers' own
    /// version lines) or from the builder image's, never from the text that asked for them.
    /// </summary>
    Task<string> ToolchainKeyAsync(ToolArchitecture arch, CancellationToken cancellationToken);

    /// <summary>
    /// What the binaries were actually built with, for <c>tools.json</c>: the same version lines on the host, the builder
    /// image id in Docker.
    /// </summary>
    Task<string> DescribeToolchainAsync(string arch, CancellationToken cancellationToken);

    /// <summary>Creates what sandboxes need before the first one opens (the builder image); returns a line for the summary.</summary>
    Task<string> PrepareAsync(IProgress<string> progress, CancellationToken cancellationToken);

    /// <summary>Opens a sandbox in which every step of one recipe's build runs, in order.</summary>
    Task<IToolSandbox> OpenAsync(ToolSandboxSpec spec, CancellationToken cancellationToken);
}

/// <summary>
/// Host directories a sandbox sees. Recipes, sources and the built dependencies (by recipe name) are read-only inputs;
/// the sandbox has its own scratch space.
/// </summary>
internal sealed record ToolSandboxSpec(string Arch, string RecipesDirectory, string SourcesDirectory)
{
    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether the sandbox's commands reach the network: only the steps that fetch sources do. A compile never does,
    /// since whatever it could download would be an input no cache key names.
    /// </summary>
    public bool Network { get; init; }
}

/// <summary>
/// One architecture's build environment. Paths it hands out are paths as seen inside the sandbox; the same
/// recipe script works in both executors because it only uses these paths and the environment it is given.
/// Disposing removes the sandbox (container or scratch directory) even after a failure.
/// </summary>
internal interface IToolSandbox : IAsyncDisposable
{
    /// <summary>The tools/ folder (read-only).</summary>
    string RecipesDirectory { get; }

    /// <summary>The verified source packages, one folder per tool (read-only).</summary>
    string SourcesDirectory { get; }

    /// <summary>Writable scratch space for unpacked sources, the build-only libraries' prefix and the output.</summary>
    string WorkDirectory { get; }

    /// <summary>Where each dependency of <see cref="ToolSandboxSpec.Dependencies"/> is seen, by recipe name (read-only).</summary>
    IReadOnlyDictionary<string, string> DependencyDirectories { get; }

    /// <summary>Whether commands reach the network: when asked for, or on a host that cannot isolate them (it said so once).</summary>
    bool HasNetwork { get; }

    /// <summary>Runs a command, writing its stdout and stderr to <paramref name="log"/>; returns the exit code.</summary>
    Task<int> RunAsync(ToolCommand command, TextWriter log, CancellationToken cancellationToken);

    /// <summary>Copies a directory of the sandbox (under <see cref="WorkDirectory"/>) to a host directory, which must not exist yet.</summary>
    Task ExportAsync(string sandboxDirectory, string hostDirectory, CancellationToken cancellationToken);
}

/// <summary>A command line with its working directory and environment, in sandbox paths.</summary>
internal sealed record ToolCommand(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
