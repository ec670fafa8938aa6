using System.ComponentModel;
using Kiln.Targets.Fingerprints;
using Kiln.Processes;
using Kiln.Tools.Host;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;
namespace Kiln.Tools.Executors;

/// <summary>Runs recipes as host processes with the host's native and cross compilers, and fetches sources with the host's apt.</summary>
internal sealed class LocalToolExecutor(string? scratchRoot = null) : IToolExecutor
{
    /// <summary>dpkg's database, which <c>dpkg-query</c> answers from.</summary>
    private const string DpkgStatusFile = "/var/lib/dpkg/status";

    private readonly ToolchainMemo? _memo;

    /// <summary>
    /// Builds ask for descriptions concurrently (one per part); one at a time, each arch is probed once and then served
    /// by the memo, and no memo write overwrites another's entry.
    /// </summary>
    private readonly SemaphoreSlim _describing = new(1, 1);

    public string Name => "local";

    public bool UsesBuilderImage => false;

    /// <summary>The private apt state for source downloads (default: a folder under the system's temp directory).</summary>
    public string AptStateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "kiln-apt");

    private HostAptSourceDownloader? _downloader;

    /// <summary>One downloader per executor, so apt's private index is refreshed once per run, not per call.</summary>
    private HostAptSourceDownloader Downloader => _downloader ??= new HostAptSourceDownloader(AptStateDirectory);

    /// <summary>Whether this process runs as root, which decides how build steps are cut off the network.</summary>
    public bool IsRoot { get; init; } = Environment.IsPrivilegedProcess;

    private Task<NetworkIsolation>? _isolation;

    /// <summary>Probed once per executor: every sandbox runs its steps the same way.</summary>
    private Task<NetworkIsolation> IsolationAsync(CancellationToken cancellationToken) =>
        _isolation ??= NetworkIsolation.ProbeAsync(IsRoot, cancellationToken);

    /// <summary>Installs what is missing, then finds out whether build steps can run without network, and warns once when not.</summary>
    public async Task EnsureToolchainAsync(IReadOnlyList<ToolArchitecture> architectures, TextWriter log, CancellationToken cancellationToken)
    {
        await new HostPrerequisites(log).EnsureAsync(architectures, cancellationToken);
        if (await IsolationAsync(cancellationToken) is { IsIsolated: false } isolation)
            log.WriteLine(isolation.Warning);
    }

    public Task<string> ToolchainKeyAsync(ToolArchitecture arch, CancellationToken cancellationToken) =>
        DescribeToolchainAsync(arch.Name, cancellationToken);

    /// <summary>
    /// Where the toolchain description of each arch is remembered between runs (null: probe every time). Probing starts
    /// seven processes per arch, most of a warm build's time; the memo is used while nothing it was probed from changed.
    /// </summary>
    public string? ToolchainMemoFile
    {
        get => _memo?.Location;
        init => _memo = value is null ? null : new ToolchainMemo(value);
    }

    /// <summary>
    /// First lines of the version output of the commands that compile (gcc and binutils for the target, make and the
    /// autotools: what PATH finds, packaged or not), then every installed package that shapes the binaries
    /// (<see cref="ToolchainPackages"/>: compilers, C library, kernel headers, every <c>-dev</c> package a configure script
    /// can find). Taken from the memo when PATH, each probed command (its links and file) and dpkg's database are as they
    /// were when it was probed.
    /// </summary>
    public async Task<string> DescribeToolchainAsync(string arch, CancellationToken cancellationToken)
    {
        var target = ToolArchitecture.All.SingleOrDefault(a => a.Name == arch)
            ?? throw new ArgumentException($"Unknown architecture '{arch}'; allowed values: {string.Join(", ", ToolArchitecture.All.Select(a => a.Name))}", nameof(arch));
        var prefix = target.ToolPrefix(ToolArchitecture.HostName);
        string[][] probes =
        [
            [prefix + "gcc", "--version"],
            [prefix + "ld", "--version"],
            ["make", "--version"],
            ["autoreconf", "--version"],
            ["automake", "--version"],
            ["libtoolize", "--version"],
            [.. ToolchainPackages.Query],
        ];
        await _describing.WaitAsync(cancellationToken);
        try
        {
            // Read before any status, as StatCache's racy rule requires.
            var recordedAtNs = StatCache.NowNs();
            var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
            var commands = probes.Select(p => ResolvedCommand.Find(p[0], searchPath) ?? throw CannotStart(p[0], target)).ToList();
            var stamp = ToolchainStamp.Read(searchPath, commands, [DpkgStatusFile]);
            if (_memo is not null && _memo.TryGet(arch, stamp, out var remembered))
                return remembered;

            var lines = new List<string>();
            for (var i = 0; i < probes.Length - 1; i++)
                lines.Add((await ProbeAsync([commands[i].Path, .. probes[i][1..]], target, cancellationToken)).Split('\n', 2)[0].Trim());
            var packages = await ProbeAsync([commands[^1].Path, .. probes[^1][1..]], target, cancellationToken);
            lines.Add(ToolchainPackages.Describe(packages, target));
            var toolchain = string.Join('\n', lines);
            _memo?.Record(arch, stamp, recordedAtNs, toolchain);
            return toolchain;
        }
        finally
        {
            _describing.Release();
        }
    }

    public Task<string> PrepareAsync(IProgress<string> progress, CancellationToken cancellationToken) =>
        Task.FromResult("the host's compilers need no image");

    public Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
        Downloader.DownloadSourcesAsync(recipes, directory, log, cancellationToken);

    public Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
        Downloader.DownloadBinaryPackagesAsync(recipes, directory, log, cancellationToken);

    /// <summary>A scratch directory whose steps run without network where <see cref="NetworkIsolation"/> can, unless the spec asks for it.</summary>
    public async Task<IToolSandbox> OpenAsync(ToolSandboxSpec spec, CancellationToken cancellationToken)
    {
        var isolation = spec.Network ? new NetworkIsolation([], "the sandbox asked for network") : await IsolationAsync(cancellationToken);
        var work = Path.Combine(scratchRoot ?? Path.GetTempPath(), $"kiln-tools-{spec.Arch}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        return new LocalToolSandbox(spec.RecipesDirectory, spec.SourcesDirectory, work, spec.Dependencies, isolation);
    }

    /// <summary>A probe that cannot start names the package that provides it, not a raw process error.</summary>
    private static async Task<string> ProbeAsync(string[] probe, ToolArchitecture target, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessRunner.CaptureAsync(probe, Environment.CurrentDirectory, cancellationToken);
        }
        catch (Exception e) when (e.InnerException is Win32Exception)
        {
            throw CannotStart(Path.GetFileName(probe[0]), target);
        }
    }

    private static HostPrerequisitesException CannotStart(string command, ToolArchitecture target)
    {
        var prerequisite = HostPrerequisites.For([target]).FirstOrDefault(p => p.What == command) ?? new HostPrerequisite(command, "dpkg");
        return new HostPrerequisitesException([prerequisite], HostPrerequisites.InstallCommand([prerequisite]), $"'{command}' cannot be started");
    }
}
