using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;

namespace Kiln.Pipeline;

/// <summary>
/// What the tools stages know about one tool of one architecture: its key (its recipe folder, the shared build
/// inputs and the keys of what it links against), and whether the per-tool cache served it.
/// </summary>
internal sealed class ToolState(ToolPart part, FingerprintInputs inputs)
{
    public ToolPart Part { get; } = part;
    public ToolRecipe Recipe => Part.Recipe;
    public FingerprintInputs Inputs { get; } = inputs;
    public string Key => Inputs.Key;
    public string ShortKey => Key[..12];

    /// <summary>The cache scope of this tool's entries, e.g. <c>aarch64.fio</c>.</summary>
    public string Scope => ScopeOf(Part.Arch.Name, Recipe.Name);

    /// <summary>The cache scope of a tool's entries for an arch; with <c>*</c> for the tool, a pattern of every tool's.</summary>
    public static string ScopeOf(string arch, string tool) => $"{arch}.{tool}";

    public ToolsCacheRestoreResult? Restore { get; set; }

    /// <summary>False for a library whose dependents were all restored: nothing needs it in this run.</summary>
    public bool Needed { get; set; } = true;

    public bool Built { get; set; }
    public bool IsHit => Restore?.IsHit == true;
    public bool MustBuild => Needed && !IsHit && !Built;
}
