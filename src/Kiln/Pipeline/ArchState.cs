using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using Kiln.Tools;

namespace Kiln.Pipeline;

/// <summary>What the tools stages know about one architecture: its key, its tools, and how the cache served it.</summary>
internal sealed class ArchState(ToolArchitecture arch, FingerprintInputs inputs, IReadOnlyList<ToolState> tools)
{
    public ToolArchitecture Arch { get; } = arch;
    public FingerprintInputs Inputs { get; } = inputs;
    public string Key => Inputs.Key;
    public string ShortKey => Key[..12];

    /// <summary>Every selected recipe for this arch, in dependency order.</summary>
    public IReadOnlyList<ToolState> Tools { get; } = tools;

    /// <summary>The answer of the arch-level entry, the fast path.</summary>
    public ToolsCacheRestoreResult? Restore { get; set; }

    /// <summary>Whether the per-tool entries were consulted in this run (they are only when the arch-level entry missed).</summary>
    public bool ToolsConsulted { get; set; }

    /// <summary>The tools directory was put together from per-tool entries alone, with nothing compiled.</summary>
    public bool Assembled { get; set; }

    public bool Rebuilt { get; set; }
    public bool IsHit => Restore?.IsHit == true;

    /// <summary>Whether <c>.build/tools/&lt;arch&gt;</c> is in place without the Tools stage.</summary>
    public bool IsServed => IsHit || Assembled;

    /// <summary>The summary word per arch: hit, miss or rebuilt, so a fallback rebuild never hides behind a hit.</summary>
    public string Status => Rebuilt ? $"rebuilt {ShortKey} ({ToolCounts})"
        : IsHit ? $"hit {(Restore!.IsRemoteHit ? "(remote) " : "")}{ShortKey}"
        : Assembled ? $"assembled {ShortKey} from tool entries ({ToolCounts})"
        : Restore?.Outcome == ToolsCacheOutcome.Corrupt ? $"corrupt entry {ShortKey} (quarantined)"
        : $"miss {ShortKey}";

    /// <summary>e.g. <c>6 hit (2 remote), built stress</c>, or <c>6 hit, built zlib; fio: hit, zlib rebuilt with identical output</c>.</summary>
    public string ToolCounts
    {
        get
        {
            var remote = Tools.Count(t => t.Restore?.IsRemoteHit == true);
            var parts = new List<string> { $"{Tools.Count(t => t.IsHit)} hit{(remote > 0 ? $" ({remote} remote)" : "")}" };
            if (Tools.Where(t => t.Built).Select(t => t.Recipe.Name).ToList() is { Count: > 0 } built)
                parts.Add($"built {string.Join(", ", built)}");
            return string.Join("; ", [string.Join(", ", parts), .. CutOff()]);
        }
    }

    /// <summary>The dependencies of <paramref name="tool"/> that were compiled in this run.</summary>
    public IReadOnlyList<string> RebuiltDependencies(ToolState tool) =>
        tool.Recipe.DependsOn.Where(dependency => Tools.Single(t => t.Recipe.Name == dependency).Built).ToList();

    /// <summary>Each tool restored although a dependency was rebuilt: that dependency's output came out identical.</summary>
    private IEnumerable<string> CutOff() =>
        from tool in Tools
        where tool.IsHit && RebuiltDependencies(tool).Count > 0
        select $"{tool.Recipe.Name}: hit, {string.Join(" and ", RebuiltDependencies(tool))} rebuilt with identical output";
}
