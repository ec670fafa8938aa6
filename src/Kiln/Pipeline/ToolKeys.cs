using Kiln.Targets.Fingerprints;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;

namespace Kiln.Pipeline;

/// <summary>
/// The per-tool cache keys of one arch, as SONiC keys its packages (DEP SHA + MOD SHA): a tool's own recipe folder
/// (<c>tools/&lt;name&gt;/**</c>), the inputs every tool shares (arch, executor, toolchain, ...), the build environment
/// its build.sh receives, and the keys of the recipes it depends on. An edit therefore changes exactly the edited
/// tool's key and those of its dependents; files outside every recipe folder (tools/README.md) change none.
/// </summary>
internal static class ToolKeys
{
    /// <param name="recipes">Recipes in dependency order.</param>
    /// <param name="files">Every file under tools/, keyed by its path relative to tools/.</param>
    /// <param name="shared">Named inputs that shape every tool of the arch.</param>
    public static IReadOnlyList<ToolState> For(
        ToolArchitecture arch, IReadOnlyList<ToolRecipe> recipes, FingerprintInputs files, IReadOnlyDictionary<string, string> shared, long sourceDateEpoch)
    {
        var states = new Dictionary<string, ToolState>(StringComparer.Ordinal);
        foreach (var recipe in recipes)
        {
            var named = new Dictionary<string, string>(shared)
            {
                ["tool"] = recipe.Name,
                ["environment"] = ToolBuildEnvironment.Describe(recipe, arch, sourceDateEpoch),
            };
            foreach (var dependency in recipe.DependsOn)
                named[$"dependency:{dependency}"] = states[dependency].Key;
            states[recipe.Name] = new ToolState(new ToolPart(arch, recipe), files.Under(recipe.Name).With(named));
        }

        return states.Values.ToList();
    }
}
