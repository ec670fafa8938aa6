using Kiln.Targets.Foundation;

namespace Kiln.Tools.Recipes;

/// <summary>
/// Orders recipes so that dependencies come first, with the target planner's graph and error policy: every
/// duplicate name, unknown dependency (with the nearest names) and cycle is reported at once, the first naming
/// the recipe file and field; ties go to name order, so the build order is stable.
/// </summary>
internal static class DependencyOrder
{
    public static IReadOnlyList<ToolRecipe> Sort(IReadOnlyList<ToolRecipe> recipes)
    {
        var inNameOrder = recipes.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var graph = new DependencyGraph(inNameOrder.Select(r => r.Name));
        var byName = new Dictionary<string, ToolRecipe>();
        var problems = new List<(ToolRecipe Recipe, string Field, string Problem)>();
        foreach (var recipe in inNameOrder)
            if (!byName.TryAdd(recipe.Name, recipe))
                problems.Add((recipe, "name", $"\"{recipe.Name}\" is also used by {byName[recipe.Name].RecipeFile}"));

        foreach (var recipe in inNameOrder)
            foreach (var dependency in recipe.DependsOn)
                if (graph.Index.ContainsKey(dependency))
                    graph.AddEdge(recipe.Name, dependency);
                else
                    problems.Add((recipe, "dependsOn",
                        $"names \"{dependency}\", which is not a recipe.{NameSuggestions.DidYouMean(dependency, graph.Index.Keys)} Known: {string.Join(", ", graph.Index.Keys)}"));

        problems.AddRange(graph.FindCycles().Select(cycle => (byName[cycle[0]], "dependsOn", $"forms a dependency cycle: {string.Join(" -> ", cycle)}")));
        if (problems.Count > 0)
        {
            var (first, field, problem) = problems[0];
            throw new ToolRecipeException(first.RecipeFile, field,
                string.Join("; ", problems.Skip(1).Select(p => $"{p.Recipe.RecipeFile}: field '{p.Field}' {p.Problem}").Prepend(problem)));
        }

        return graph.Order().Select(name => byName[name]).ToList();
    }
}
