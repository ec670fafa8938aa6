using System.Diagnostics;
using Kiln.Processes;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Executors;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>Tools compile with a fixed epoch, not the commit's, so a new commit does not change the binaries or the key.</summary>
    public const long ToolsSourceDateEpoch = 1;

    private readonly Lock _reportLock = new();

    /// <summary>What the executor needs before its first sandbox (the builder image), built only when missing.</summary>
    public async Task<string> PrepareExecutorAsync(CancellationToken cancellationToken)
    {
        var progress = new SynchronousProgress<string>(line => log.WriteLine($"  {line}"));
        return await (await ExecutorAsync(cancellationToken)).PrepareAsync(progress, cancellationToken);
    }

    /// <summary>
    /// Compiles the tools the cache did not serve, for every missed arch at once as one graph, saving each tool to the
    /// per-tool cache as soon as it is built; then assembles and saves each arch. Returns one status per arch.
    /// </summary>
    public Task<IReadOnlyList<string>> BuildMissedAsync(CancellationToken cancellationToken) =>
        FlushingUploadsOnFailureAsync(() => BuildAndSaveMissedAsync(cancellationToken));

    private async Task<IReadOnlyList<string>> BuildAndSaveMissedAsync(CancellationToken cancellationToken)
    {
        if (settings.Jobs < 1)
            throw new BuildException($"{settings.Parameters.Jobs}: {settings.Jobs} is not a number of builds; give 1 or more.");
        var missed = await MissedAsync(cancellationToken);
        foreach (var arch in missed.Where(a => !a.ToolsConsulted))
            await ConsultToolEntriesAsync(arch, cancellationToken);

        var executor = await ExecutorAsync(cancellationToken);
        var toBuild = missed.SelectMany(a => a.Tools).Where(t => t.MustBuild).ToDictionary(t => t.Part.Id);
        var recipes = toBuild.Values.Select(t => t.Recipe).DistinctBy(r => r.Name).ToList();
        var sources = await Sources.AssembleAsync(recipes, _layout.SourcesDirectory, executor, cancellationToken);
        var live = settings.LiveProgress ? new LiveToolBuildDisplay(log) : null;
        var builder = Builder(executor, live is null ? new SynchronousProgress<ToolBuildEvent>(Report) : live);
        foreach (var arch in missed)
            builder.RemoveOutput(arch.Arch);

        var stopwatch = Stopwatch.StartNew();
        var archOf = missed.ToDictionary(a => a.Arch.Name);
        Task BuildAsync() => builder.BuildPartsAsync(
            toBuild.Values.Select(t => t.Part).ToList(),
            sources,
            (part, token) => TryRestoreResolvedAsync(toBuild[part.Id], archOf[part.Arch.Name], token),
            (part, token) => SaveToolAsync(toBuild[part.Id], token),
            cancellationToken);
        await (live is null ? BuildAsync() : live.RunAsync(BuildAsync));
        var built = toBuild.Values.Count(t => t.Built);
        log.WriteLine($"built {built} tool{(built == 1 ? "" : "s")} in {stopwatch.Elapsed.TotalSeconds:0.0}s ({settings.Parameters.Jobs} {settings.Jobs})");
        foreach (var arch in missed)
        {
            await AssembleAsync(arch, cancellationToken);
            arch.Rebuilt = true;
            log.WriteLine($"{arch.Arch.Name}: {(_savesOffReason is null ? "saved to the tools cache" : "not saved (the tools cache cannot be written)")} as {arch.ShortKey} ({arch.ToolCounts})");
        }

        var uploaded = await FlushUploadsAsync();
        return [.. (await FingerprintAsync(cancellationToken)).Select(a => $"{a.Arch.Name}: {a.Status}"), .. uploaded];
    }

    private ToolBuilder Builder(IToolExecutor executor, IProgress<ToolBuildEvent>? progress) =>
        new(executor, _layout, progress) { SourceDateEpoch = ToolsSourceDateEpoch, MaxParallel = settings.Jobs };

    private async Task SaveToolAsync(ToolState tool, CancellationToken cancellationToken)
    {
        var summary = new Dictionary<string, string> { ["tool"] = tool.Recipe.Name, ["version"] = tool.Recipe.Version };
        var directory = _layout.PartDirectory(tool.Part.Arch, tool.Recipe.Name);
        await SaveAsync(tool.Scope, tool.Key, tool.Inputs, directory, summary, cancellationToken);
        tool.Output = ToolPartOutput.Digest(directory);
        tool.Built = true;
    }

    // Parallel jobs report from their own threads; one line must never interleave with another.
    private void Report(ToolBuildEvent e)
    {
        lock (_reportLock)
            log.WriteLine($"  [{e.Arch}] {e.Tool,-10} {e.Words}");
    }
}
