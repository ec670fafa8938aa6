using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Recipes;

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
    /// Restores the per-tool entries an arch needs into <c>.build/parts/</c>, dependents before their dependencies: a
    /// library is needed only while something that links it must be built. Each tool that must be built is explained.
    /// </summary>
    private async Task ConsultToolEntriesAsync(ArchState arch, CancellationToken cancellationToken)
    {
        arch.ToolsConsulted = true;
        foreach (var tool in arch.Tools.Reverse())
        {
            tool.Needed = tool.Recipe.Kind == ToolKind.Tool
                || arch.Tools.Any(dependent => dependent.Recipe.DependsOn.Contains(tool.Recipe.Name) && dependent.MustBuild);
            if (!tool.Needed)
                continue;
            tool.Restore = settings.SkipCache
                ? ToolsCacheRestoreResult.Miss("the cache is skipped")
                : await Store.TryRestoreAsync(tool.Scope, tool.Key, _layout.PartDirectory(arch.Arch, tool.Recipe.Name), cancellationToken);
        }

        var toBuild = arch.Tools.Where(t => t.MustBuild).ToList();
        log.WriteLine($"{arch.Arch.Name}: tool entries: {arch.Tools.Count(t => t.IsHit)} hit, {toBuild.Count} to build{(toBuild.Count > 0 ? $" ({string.Join(", ", toBuild.Select(t => t.Recipe.Name))})" : "")}");
        if (settings.SkipCache)
            return;
        foreach (var tool in toBuild)
        {
            log.WriteLine($"  {tool.Recipe.Name} ({arch.Arch.Name}): {tool.Restore!.Reason}");
            Explain(tool.Scope, tool.Recipe.Name, tool.Inputs);
        }
    }

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
