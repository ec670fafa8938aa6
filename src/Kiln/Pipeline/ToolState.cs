using Kiln.Caching;
using Kiln.Targets.Fingerprints;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;

namespace Kiln.Pipeline;

/// <summary>
/// What the tools stages know about one tool of one architecture: its key (its recipe folder, the shared build inputs
/// and the outputs of what it links against, see <see cref="ToolKeys"/>), whether the per-tool cache served it, and
/// the digest of its output once it is restored or built.
/// </summary>
internal sealed class ToolState(ToolPart part, FingerprintInputs ownInputs)
{
    private FingerprintInputs? _inputs;

    public ToolPart Part { get; } = part;
    public ToolRecipe Recipe => Part.Recipe;

    /// <summary>False while a dependency's output is unknown: it must be restored or built before this key exists.</summary>
    public bool IsResolved => _inputs is not null;

    public FingerprintInputs Inputs => _inputs
        ?? throw new InvalidOperationException($"The key of {Scope} is not known before its dependencies ({string.Join(", ", Recipe.DependsOn)}) are restored or built.");

    public string Key => Inputs.Key;
    public string ShortKey => Key[..12];

    /// <summary>The cache scope of this tool's entries, e.g. <c>aarch64.fio</c>.</summary>
    public string Scope => ScopeOf(Part.Arch.Name, Recipe.Name);

    /// <summary>The cache scope of a tool's entries for an arch; with <c>*</c> for the tool, a pattern of every tool's.</summary>
    public static string ScopeOf(string arch, string tool) => $"{arch}.{tool}";

    public ToolsCacheRestoreResult? Restore { get; set; }

    public bool Built { get; set; }

    /// <summary>The digest of what its dependants consume (<see cref="ToolPartOutput"/>), once it is restored or built.</summary>
    public string? Output { get; set; }

    public bool IsHit => Restore?.IsHit == true;
    public bool MustBuild => !IsHit && !Built;

    /// <summary>Completes the key with the dependencies' outputs; see <see cref="ToolKeys.TryResolve"/>.</summary>
    public void Resolve(IReadOnlyDictionary<string, string> dependencyOutputs) => _inputs = ownInputs.With(dependencyOutputs);
}
