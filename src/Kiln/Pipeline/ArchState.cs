using Kiln.Caching;
using Kiln.Fingerprints;
using Kiln.Tools;

namespace Kiln.Pipeline;

/// <summary>What the tools stages know about one architecture: its key, and whether the cache served it.</summary>
internal sealed class ArchState(ToolArchitecture arch, FingerprintInputs inputs)
{
    public ToolArchitecture Arch { get; } = arch;
    public FingerprintInputs Inputs { get; } = inputs;
    public string Key => Inputs.Key;
    public string ShortKey => Key[..12];
    public ToolsCacheRestoreResult? Restore { get; set; }
    public bool Rebuilt { get; set; }
    public bool IsHit => Restore?.IsHit == true;

    /// <summary>The summary word of DESIGN.md's cache rule 9: hit, miss or rebuilt, never silent.</summary>
    public string Status => Rebuilt ? $"rebuilt {ShortKey}"
        : IsHit ? $"hit {ShortKey}"
        : Restore?.Outcome == ToolsCacheOutcome.Corrupt ? $"corrupt entry {ShortKey} (quarantined)"
        : $"miss {ShortKey}";
}
