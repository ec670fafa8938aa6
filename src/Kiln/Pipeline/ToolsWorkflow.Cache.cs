using Kiln.Caching;
using Kiln.Targets;
using Kiln.Targets.CI;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>
    /// Restores every arch whose verified entry exists into <c>.build/tools/&lt;arch&gt;</c>; explains each miss against
    /// the nearest entry. Returns one status per arch for the summary.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(CancellationToken cancellationToken)
    {
        var arches = await (_restored ??= ConsultCacheAsync(cancellationToken));
        var missed = arches.Where(a => !a.IsHit).ToList();
        if (settings.RequireHit && missed.Count > 0)
            throw new BuildException($"--require-tools-cache-hit: no verified cache entry for {string.Join(", ", missed.Select(a => $"{a.Arch.Name} ({a.ShortKey})"))}; the tools would be rebuilt.");
        return arches.Select(a => $"{a.Arch.Name}: {a.Status}").ToList();
    }

    /// <summary>Why the Tools stage has nothing to do, for its skip reason.</summary>
    public string HitSummary() =>
        _fingerprints is { IsCompletedSuccessfully: true } done
            ? "cache hit: " + string.Join(", ", done.Result.Select(a => $"{a.Arch.Name} {a.ShortKey}"))
            : "cache hit";

    /// <summary>Why an arch missed: the inputs that differ from the nearest entry the store holds for it.</summary>
    public void Explain(ArchState arch)
    {
        var nearest = Store.FindNearest(arch.Arch.Name, arch.Inputs);
        if (nearest is null)
        {
            log.WriteLine($"  explain: the store ({Store.Root}) holds no entry for {arch.Arch.Name} yet.");
            return;
        }

        log.WriteLine($"  explain: nearest entry {nearest.Entry.Fingerprint[..12]} (created {nearest.Entry.Created:u}) differs: {nearest.Diff.ToParagraph()}");
        if (!settings.Explain)
            return;
        foreach (var line in nearest.Diff.ToDetailedLines(nearest.Entry.Inputs, arch.Inputs))
            log.WriteLine($"    {line}");
    }

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
        var arches = await FingerprintAsync(cancellationToken);
        foreach (var arch in arches)
        {
            arch.Restore = settings.SkipCache
                ? ToolsCacheRestoreResult.Miss("the cache is skipped (--skip-tools-cache / SKIP_TOOLS_CACHE)")
                : await Store.TryRestoreAsync(arch.Arch.Name, arch.Key, _layout.OutputDirectory(arch.Arch), cancellationToken);
            log.WriteLine($"{arch.Arch.Name}: {arch.Status}{(arch.IsHit ? "" : $": {arch.Restore.Reason}")}");
            if (!arch.IsHit && !settings.SkipCache)
                Explain(arch);
        }

        return arches;
    }
}
