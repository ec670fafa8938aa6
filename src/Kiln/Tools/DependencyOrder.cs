namespace Kiln.Tools;

/// <summary>Orders recipes so that dependencies come first; an unknown dependency or a cycle names the recipe file and field.</summary>
internal static class DependencyOrder
{
    public static IReadOnlyList<ToolRecipe> Sort(IReadOnlyList<ToolRecipe> recipes)
    {
        var byName = new Dictionary<string, ToolRecipe>();
        foreach (var recipe in recipes)
            if (!byName.TryAdd(recipe.Name, recipe))
                throw new ToolRecipeException(recipe.RecipeFile, "name", $"\"{recipe.Name}\" is also used by {byName[recipe.Name].RecipeFile}");

        foreach (var recipe in recipes)
            foreach (var dependency in recipe.DependsOn)
                if (!byName.ContainsKey(dependency))
                    throw new ToolRecipeException(recipe.RecipeFile, "dependsOn",
                        $"names \"{dependency}\", which is not a recipe (known: {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))})");

        var ordered = new List<ToolRecipe>();
        var done = new HashSet<string>();
        var visiting = new List<string>();
        foreach (var recipe in recipes.OrderBy(r => r.Name, StringComparer.Ordinal))
            Visit(recipe, byName, done, visiting, ordered);
        return ordered;
    }

    private static void Visit(ToolRecipe recipe, Dictionary<string, ToolRecipe> byName, HashSet<string> done, List<string> visiting, List<ToolRecipe> ordered)
    {
        if (done.Contains(recipe.Name))
            return;
        var cycleStart = visiting.IndexOf(recipe.Name);
        if (cycleStart >= 0)
        {
            var cycle = visiting.Skip(cycleStart).Append(recipe.Name);
            var first = byName[visiting[cycleStart]];
            throw new ToolRecipeException(first.RecipeFile, "dependsOn", $"forms a dependency cycle: {string.Join(" -> ", cycle)}");
        }

        visiting.Add(recipe.Name);
        foreach (var dependency in recipe.DependsOn.Order(StringComparer.Ordinal))
            Visit(byName[dependency], byName, done, visiting, ordered);
        visiting.RemoveAt(visiting.Count - 1);
        done.Add(recipe.Name);
        ordered.Add(recipe);
    }
}
