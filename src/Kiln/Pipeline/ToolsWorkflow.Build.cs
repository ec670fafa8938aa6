using Kiln.Processes;
using System.Diagnostics;
using Kiln.Docker;
using Kiln.Tools;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>Tools compile with a fixed epoch, not the commit's, so a new commit does not change the binaries or the key.</summary>
    public const long ToolsSourceDateEpoch = 1;

    private BuiltImage? _builderImage;

    /// <summary>The builder image for the Docker executor, built (and its base bootstrapped) only when its content tag is missing.</summary>
    public async Task<string> EnsureBuilderImageAsync(CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress<string>(line => log.WriteLine($"  {line}"));
        var builder = new BuilderImage(Docker, new BaseImageProvider(Docker));
        _builderImage = await builder.EnsureAsync(settings.BuilderDockerfile, settings.BaseImage, progress, cancellationToken);
        return _builderImage.WasBuilt ? $"built {_builderImage.Tag}" : $"present {_builderImage.Tag}";
    }

    /// <summary>Compiles every arch the cache did not serve, then saves each to the store. Returns one status per arch.</summary>
    public async Task<IReadOnlyList<string>> BuildMissedAsync(CancellationToken cancellationToken)
    {
        var missed = Missed;
        var request = new ToolsBuildRequest(settings.RootDirectory, missed.Select(a => a.Arch).ToList(), settings.ToolNames,
            await CreateExecutorAsync(cancellationToken), ToolsSourceDateEpoch);
        var stopwatch = Stopwatch.StartNew();
        var manifests = await ToolsBuild.RunAsync(request, log, new SynchronousProgress<ToolBuildEvent>(Report), cancellationToken);
        log.WriteLine($"built {string.Join(", ", missed.Select(a => a.Arch.Name))} in {stopwatch.Elapsed.TotalSeconds:0.0}s");
        foreach (var (arch, manifest) in missed.Zip(manifests))
        {
            var summary = manifest.Tools.ToDictionary(t => t.Name, t => t.Version);
            summary["executor"] = manifest.Executor;
            summary["toolchain"] = manifest.Toolchain;
            await Store.SaveAsync(arch.Arch.Name, arch.Key, arch.Inputs, _layout.OutputDirectory(arch.Arch), summary, cancellationToken);
            arch.Rebuilt = true;
            log.WriteLine($"{arch.Arch.Name}: saved to the tools cache as {arch.ShortKey}");
        }

        return Arches.Select(a => $"{a.Arch.Name}: {a.Status}").ToList();
    }

    private async Task<IToolExecutor> CreateExecutorAsync(CancellationToken cancellationToken)
    {
        if (await ResolveExecutorAsync(cancellationToken) != ExecutorKind.Docker)
            return new LocalToolExecutor();
        if (_builderImage is null)
            await EnsureBuilderImageAsync(cancellationToken);
        return new DockerToolExecutor(Docker, _builderImage!.Tag);
    }

    private void Report(ToolBuildEvent e)
    {
        var what = e.Phase switch
        {
            ToolBuildPhase.Started => "building",
            ToolBuildPhase.Succeeded => $"done in {e.Elapsed.TotalSeconds:0.0}s",
            _ => $"FAILED after {e.Elapsed.TotalSeconds:0.0}s (log: {e.LogFile})",
        };
        log.WriteLine($"  [{e.Arch}] {e.Tool,-10} {what}");
    }
}
