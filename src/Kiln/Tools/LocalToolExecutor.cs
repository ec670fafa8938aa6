using Kiln.Processes;
namespace Kiln.Tools;

/// <summary>Runs recipes as host processes with the host's native and cross compilers.</summary>
internal sealed class LocalToolExecutor(string? scratchRoot = null) : IToolExecutor
{
    public string Name => "local";

    /// <summary>
    /// First lines of the version output of what shapes the binaries: gcc and binutils for the target, make and the
    /// autotools, and the version of the target's C library package (it is linked in statically).
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
            ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", LibcDevelopmentPackage(target)],
        ];
        var lines = new List<string>();
        foreach (var probe in probes)
        {
            var output = await ProcessRunner.CaptureAsync(probe, Environment.CurrentDirectory, cancellationToken);
            lines.Add(output.Split('\n', 2)[0].Trim());
        }

        return string.Join('\n', lines);
    }

    public Task<IToolSandbox> OpenAsync(ToolSandboxSpec spec, CancellationToken cancellationToken)
    {
        var work = Path.Combine(scratchRoot ?? Path.GetTempPath(), $"kiln-tools-{spec.Arch}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        return Task.FromResult<IToolSandbox>(new LocalToolSandbox(spec.RecipesDirectory, spec.SourcesDirectory, work));
    }

    internal static string LibcDevelopmentPackage(ToolArchitecture target) =>
        target.Name == ToolArchitecture.HostName ? "libc6-dev" : target == ToolArchitecture.Aarch64 ? "libc6-dev-arm64-cross" : "libc6-dev-amd64-cross";
}
