using Kiln.Processes;
using System.Diagnostics;
using Kiln.Tools;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>Tools compile with a fixed epoch, not the commit's, so a new commit does not change the binaries or the key.</summary>
    public const long ToolsSourceDateEpoch = 1;

    /// <summary>What the executor needs before its first sandbox (the builder image), built only when missing.</summary>
    public async Task<string> PrepareExecutorAsync(CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress<string>(line => log.WriteLine($"  {line}"));
        return await (await ExecutorAsync(cancellationToken)).PrepareAsync(progress, cancellationToken);
    }

    /// <summary>Compiles every arch the cache did not serve, then saves each to the store. Returns one status per arch.</summary>
    public async Task<IReadOnlyList<string>> BuildMissedAsync(CancellationToken cancellationToken)
    {
        var missed = await MissedAsync(cancellationToken);
        var request = new ToolsBuildRequest(settings.RootDirectory, missed.Select(a => a.Arch).ToList(), settings.ToolNames,
            await ExecutorAsync(cancellationToken), Sources, ToolsSourceDateEpoch);
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

        return (await FingerprintAsync(cancellationToken)).Select(a => $"{a.Arch.Name}: {a.Status}").ToList();
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
