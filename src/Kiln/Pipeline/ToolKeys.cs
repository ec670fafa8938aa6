using Kiln.Targets.Fingerprints;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;

namespace Kiln.Pipeline;

/// <summary>
/// The per-tool cache keys of one arch, as SONiC keys its packages (DEP SHA + MOD SHA), with early cutoff: a tool's own
/// recipe folder (<c>tools/&lt;name&gt;/**</c>), the inputs every tool shares (arch, executor, toolchain, ...), the build
/// environment its build.sh receives, and the output digest of each recipe it depends on (<see cref="ToolPartOutput"/>),
/// not that recipe's key. An edit therefore changes exactly the edited tool's key, and its dependants' only when the
/// edited tool's output changes; files outside every recipe folder (tools/README.md) change none.
/// <para>
/// A dependant's key is known only once its dependencies are restored or built, so keys are resolved along the
/// dependency graph: <see cref="For"/> gives every tool its own inputs, <see cref="TryResolve"/> completes a tool's key
/// once the outputs of all its dependencies are known.
/// </para>
/// </summary>
internal static class ToolKeys
{
    /// <summary>The prefix of the named input that carries a dependency's output digest, e.g. <c>dependency-output:zlib</c>.</summary>
    public const string DependencyOutputPrefix = "dependency-output:";

    /// <param name="recipes">Recipes in dependency order.</param>
    /// <param name="files">Every file under tools/, keyed by its path relative to tools/.</param>
    /// <param name="shared">Named inputs that shape every tool of the arch.</param>
    /// <returns>The tools in dependency order; those without dependencies have their key already.</returns>
    public static IReadOnlyList<ToolState> For(
        ToolArchitecture arch, IReadOnlyList<ToolRecipe> recipes, FingerprintInputs files, IReadOnlyDictionary<string, string> shared, long sourceDateEpoch)
    {
        var tools = recipes.Select(recipe => new ToolState(new ToolPart(arch, recipe), files.Under(recipe.Name).With(new Dictionary<string, string>(shared)
        {
            ["tool"] = recipe.Name,
            ["environment"] = ToolBuildEnvironment.Describe(recipe, arch, sourceDateEpoch),
        }))).ToList();
        foreach (var tool in tools)
            TryResolve(tool, tools);
        return tools;
    }

    /// <summary>
    /// Completes the key of <paramref name="tool"/> from the outputs of its dependencies among <paramref name="tools"/>;
    /// false, leaving it unresolved, while one of them has no output yet (it must be restored or built first).
    /// </summary>
    public static bool TryResolve(ToolState tool, IReadOnlyList<ToolState> tools)
    {
        if (tool.IsResolved)
            return true;
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dependency in tool.Recipe.DependsOn)
        {
            if (tools.Single(t => t.Recipe.Name == dependency).Output is not { } output)
                return false;
            outputs[DependencyOutputPrefix + dependency] = output;
        }

        tool.Resolve(outputs);
        return true;
    }
}
