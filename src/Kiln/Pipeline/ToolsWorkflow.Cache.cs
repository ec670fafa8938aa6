using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Building;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>
    /// Restores every arch whose verified entry exists into <c>.build/tools/&lt;arch&gt;</c>. An arch that misses is
    /// explained against the nearest entry, then its per-tool entries are consulted: when they hold every tool, the
    /// arch is assembled from them (and saved as an arch entry) without compiling. Returns one status per arch.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(CancellationToken cancellationToken)
    {
        var arches = await FlushingUploadsOnFailureAsync(() => _restored ??= ConsultCacheAsync(cancellationToken));
        var uploaded = await FlushUploadsAsync();
        var missed = arches.Where(a => !a.IsServed).ToList();
        if (settings.RequireHit && missed.Count > 0)
            throw new BuildException($"{settings.Parameters.RequireHit}: no verified cache entry for {string.Join(", ", missed.Select(a => $"{a.Arch.Name} ({a.ShortKey}; to build: {string.Join(", ", a.Tools.Where(t => t.MustBuild).Select(t => t.Recipe.Name))})"))} in {Tiers}; the tools would be rebuilt.");
        return [.. arches.Select(a => $"{a.Arch.Name}: {a.Status}"), .. uploaded];
    }

    /// <summary>Why the Tools stage has nothing to do, for its skip reason.</summary>
    public string HitSummary() =>
        _fingerprints is { IsCompletedSuccessfully: true } done
            ? "cache hit: " + string.Join(", ", done.Result.Select(a => $"{a.Arch.Name} {a.ShortKey}"))
            : "cache hit";

    /// <summary>Why an arch missed: the inputs that differ from the nearest entry the store holds for it.</summary>
    public void Explain(ArchState arch) => Explain(arch.Arch.Name, arch.Arch.Name, arch.Inputs);

    /// <summary>The keys for CI: printed, and under GitHub Actions written to GITHUB_OUTPUT as fingerprint-&lt;arch&gt; (and fingerprint for one arch).</summary>
    public async Task<IReadOnlyList<string>> PublishFingerprintsAsync(CancellationToken cancellationToken)
    {
        var arches = await FingerprintAsync(cancellationToken);
        var lines = arches.Select(a => $"fingerprint-{a.Arch.Name}={a.Key}").ToList();
        if (arches.Count == 1)
            lines.Add($"fingerprint={arches[0].Key}");
        foreach (var line in lines)
            log.WriteLine(line);
        if (GitHubActions.FromProcess() is { } githubActions)
            foreach (var (name, value) in lines.Select(line => line.Split('=', 2)).Select(parts => (parts[0], parts[1])))
                githubActions.SetOutput(name, value);
        return arches.Select(a => $"{a.Arch.Name}: {a.ShortKey}").ToList();
    }

    private async Task<IReadOnlyList<ArchState>> ConsultCacheAsync(CancellationToken cancellationToken)
    {
        if (!settings.SkipCache)
            _remote?.WarmUp();
        var arches = await FingerprintAsync(cancellationToken);
        foreach (var arch in arches)
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            arch.Restore = settings.SkipCache
                ? ToolsCacheRestoreResult.Miss($"the cache is skipped ({settings.Parameters.SkipCache} / {settings.Parameters.SkipCache.EnvironmentVariable})")
                : await Store.TryRestoreAsync(arch.Arch.Name, arch.Key, _layout.OutputDirectory(arch.Arch), cancellationToken);
            log.WriteLine($"{arch.Arch.Name}: {arch.Status}{(arch.IsHit ? $" (restored in {stopwatch.Elapsed.TotalSeconds:0.000} s)" : $": {arch.Restore.Reason}")}");
            if (arch.IsHit || settings.SkipCache)
                continue;
            Explain(arch);
            await ConsultToolEntriesAsync(arch, cancellationToken);
            if (arch.Tools.Any(t => t.MustBuild))
                continue;
            await AssembleAsync(arch, cancellationToken);
            arch.Assembled = true;
            log.WriteLine($"{arch.Arch.Name}: {arch.Status}");
        }

        return arches;
    }

    /// <summary>
    /// Restores the per-tool entries of an arch into <c>.build/parts/</c>, dependencies first: a dependant's key names
    /// its dependencies' outputs, so it is known only once they are restored. A tool whose dependency must be built
    /// waits for the Tools stage, which resolves its key when that dependency is done (<see cref="TryRestoreResolvedAsync"/>).
    /// Each tool that must be built is explained.
    /// </summary>
    private async Task ConsultToolEntriesAsync(ArchState arch, CancellationToken cancellationToken)
    {
        arch.ToolsConsulted = true;
        // In dependency order, so that each restored dependency's output resolves its dependants' keys in turn.
        foreach (var tool in arch.Tools)
        {
            if (ToolKeys.TryResolve(tool, arch.Tools))
                await RestoreToolAsync(tool, cancellationToken);
        }

        var toBuild = arch.Tools.Where(t => t.MustBuild && t.IsResolved).ToList();
        var waiting = arch.Tools.Where(t => !t.IsResolved).ToList();
        log.WriteLine($"{arch.Arch.Name}: tool entries: {arch.Tools.Count(t => t.IsHit)} hit, {toBuild.Count} to build{Names(toBuild)}"
            + (waiting.Count > 0 ? $", {waiting.Count} waiting for a dependency's output{Names(waiting)}" : ""));
        if (settings.SkipCache)
            return;
        foreach (var tool in toBuild)
            ExplainTool(tool);
    }

    /// <summary>
    /// For a tool whose key waited on a dependency built in this run: resolves the key now and restores the entry when
    /// the dependency came out with an output the cache knows (early cutoff). False when the tool must be compiled.
    /// </summary>
    private async Task<bool> TryRestoreResolvedAsync(ToolState tool, ArchState arch, CancellationToken cancellationToken)
    {
        if (tool.IsResolved)
            return false;
        if (!ToolKeys.TryResolve(tool, arch.Tools))
            throw new InvalidOperationException($"{tool.Scope}: a dependency has neither been restored nor built.");
        await RestoreToolAsync(tool, cancellationToken);
        lock (_reportLock)
        {
            if (tool.IsHit)
            {
                var rebuilt = arch.RebuiltDependencies(tool);
                log.WriteLine($"  [{arch.Arch.Name}] {tool.Recipe.Name,-10} hit {tool.ShortKey}{(rebuilt.Count > 0 ? $", {string.Join(" and ", rebuilt)} rebuilt with identical output" : "")}");
                return true;
            }

            if (!settings.SkipCache)
                ExplainTool(tool);
            return false;
        }
    }

    private async Task RestoreToolAsync(ToolState tool, CancellationToken cancellationToken)
    {
        var directory = _layout.PartDirectory(tool.Part.Arch, tool.Recipe.Name);
        tool.Restore = settings.SkipCache
            ? ToolsCacheRestoreResult.Miss("the cache is skipped")
            : await Store.TryRestoreAsync(tool.Scope, tool.Key, directory, cancellationToken);
        if (tool.IsHit)
            tool.Output = ToolPartOutput.Digest(directory);
    }

    private void ExplainTool(ToolState tool)
    {
        log.WriteLine($"  {tool.Recipe.Name} ({tool.Part.Arch.Name}): {tool.Restore!.Reason}");
        Explain(tool.Scope, tool.Recipe.Name, tool.Inputs);
    }

    private static string Names(IReadOnlyList<ToolState> tools) => tools.Count > 0 ? $" ({string.Join(", ", tools.Select(t => t.Recipe.Name))})" : "";

    /// <summary>Puts an arch's tools directory together from its parts and saves it as the arch-level entry, the next run's fast path.</summary>
    private async Task AssembleAsync(ArchState arch, CancellationToken cancellationToken)
    {
        var manifest = Builder(await ExecutorAsync(cancellationToken), progress: null).Assemble(arch.Arch, arch.Tools.Select(t => t.Recipe).ToList());
        var summary = manifest.Tools.ToDictionary(t => t.Name, t => t.Version);
        summary["executor"] = manifest.Executor;
        summary["toolchain"] = manifest.Toolchain;
        await SaveAsync(arch.Arch.Name, arch.Key, arch.Inputs, _layout.OutputDirectory(arch.Arch), summary, cancellationToken);
    }

    /// <summary>
    /// Saves an entry unless the local store refused a save earlier in this run. A store that cannot be written (read-only,
    /// another user's, a full disk) is one warning naming its directory, and the build goes on: what it restored is good.
    /// </summary>
    private async Task SaveAsync(string scope, string key, FingerprintInputs inputs, string directory, IReadOnlyDictionary<string, string> summary, CancellationToken cancellationToken)
    {
        if (_savesOffReason is not null)
            return;
        try
        {
            await Store.SaveAsync(scope, key, inputs, directory, summary, cancellationToken);
        }
        catch (ToolsCacheUnwritableException exception)
        {
            if (Interlocked.CompareExchange(ref _savesOffReason, exception.Message, null) is null)
                log.WriteLine($"warning: {exception.Message}; nothing more is saved to it in this run, restores from it go on");
        }
    }

    private string Tiers => _remote is null ? "the local cache" : $"the local cache or the remote cache ({settings.RemoteCache})";

    private void Explain(string scope, string what, FingerprintInputs inputs)
    {
        var nearest = Store.FindNearest(scope, inputs);
        if (_remote is not null)
            log.WriteLine("  explain: compared with the local store only: the remote cache offers no listing of its entries.");
        if (nearest is null)
        {
            log.WriteLine($"  explain: the local store holds no entry for {what} yet.");
            return;
        }

        log.WriteLine($"  explain: {what}: nearest entry {nearest.Entry.Fingerprint[..12]} (created {nearest.Entry.Created:u}) differs: {nearest.Diff.ToParagraph()}");
        if (!settings.Explain)
            return;
        foreach (var line in nearest.Diff.ToDetailedLines(nearest.Entry.Inputs, inputs))
            log.WriteLine($"    {line}");
    }
}
