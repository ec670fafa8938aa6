using System.Text.Json;

namespace Kiln.Tools.Recipes;

/// <summary>
/// Every recipe under tools/, validated against tools/tool.schema.json and ordered so that each recipe comes after
/// the recipes it depends on.
/// </summary>
internal sealed class ToolRecipeSet
{
    public const string SchemaFileName = "tool.schema.json";
    public const string RecipeFileName = "tool.json";
    public const string BuildScriptName = "build.sh";

    private ToolRecipeSet(string recipesDirectory, IReadOnlyList<ToolRecipe> ordered)
    {
        RecipesDirectory = recipesDirectory;
        InDependencyOrder = ordered;
    }

    public string RecipesDirectory { get; }

    /// <summary>All recipes, dependencies first; ties keep name order so the build order is stable.</summary>
    public IReadOnlyList<ToolRecipe> InDependencyOrder { get; }

    /// <param name="validationMemo">Where the schema remembers the recipe texts it accepted (see <see cref="RecipeSchema"/>); null validates all.</param>
    public static ToolRecipeSet Load(string recipesDirectory, string? validationMemo = null)
    {
        var schemaFile = Path.Combine(recipesDirectory, SchemaFileName);
        if (!File.Exists(schemaFile))
            throw new ToolRecipeException(schemaFile, null, "is missing; every recipe is validated against it");
        var schema = new RecipeSchema(schemaFile, validationMemo);

        var recipes = Directory.EnumerateDirectories(recipesDirectory)
            .Where(d => File.Exists(Path.Combine(d, RecipeFileName)))
            .Order(StringComparer.Ordinal)
            .Select(d => LoadRecipe(schema, Path.Combine(d, RecipeFileName)))
            .ToList();
        schema.Save();
        return new ToolRecipeSet(recipesDirectory, DependencyOrder.Sort(recipes));
    }

    /// <summary>
    /// The named recipes plus everything they depend on, in build order; no names means every recipe.
    /// </summary>
    public IReadOnlyList<ToolRecipe> Select(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
            return InDependencyOrder;

        var byName = InDependencyOrder.ToDictionary(r => r.Name);
        var unknown = names.Where(n => !byName.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown tool {string.Join(", ", unknown.Select(n => $"'{n}'"))}; known tools: {string.Join(", ", InDependencyOrder.Select(r => r.Name))}");

        var wanted = new HashSet<string>();
        var pending = new Stack<string>(names);
        while (pending.TryPop(out var name))
            if (wanted.Add(name))
                foreach (var dependency in byName[name].DependsOn)
                    pending.Push(dependency);
        return InDependencyOrder.Where(r => wanted.Contains(r.Name)).ToList();
    }

    private static ToolRecipe LoadRecipe(RecipeSchema schema, string file)
    {
        using (var document = RecipeDocument.Parse(schema, file))
        {
            var root = document.RootElement;
            var recipe = new ToolRecipe(
                Name: root.GetProperty("name").GetString()!,
                Kind: root.GetProperty("kind").GetString() == "library" ? ToolKind.Library : ToolKind.Tool,
                SourcePackage: root.GetProperty("sourcePackage").GetString()!,
                Version: root.GetProperty("version").GetString()!,
                DscSha256: root.GetProperty("dscSha256").GetString()!,
                DependsOn: Strings(root.GetProperty("dependsOn")),
                Binaries: Strings(root.GetProperty("binaries")),
                Licence: root.GetProperty("licence").GetString()!,
                ConfigureFlags: Strings(root.GetProperty("configureFlags")),
                RecipeFile: file);
            CheckConsistency(recipe);
            return recipe;
        }
    }

    // Rules that relate fields to each other or to the folder; the schema states what each field may hold.
    private static void CheckConsistency(ToolRecipe recipe)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(recipe.RecipeFile)!);
        if (recipe.Name != folder)
            throw new ToolRecipeException(recipe.RecipeFile, "name", $"is \"{recipe.Name}\" but must equal its folder name \"{folder}\"");
        if (recipe.Kind == ToolKind.Tool && recipe.Binaries.Count == 0)
            throw new ToolRecipeException(recipe.RecipeFile, "binaries", "is empty, but a recipe of kind \"tool\" must ship at least one binary");
        if (recipe.Kind == ToolKind.Library && recipe.Binaries.Count > 0)
            throw new ToolRecipeException(recipe.RecipeFile, "binaries", "must be empty for kind \"library\": build-only libraries are never shipped");
        var script = Path.Combine(Path.GetDirectoryName(recipe.RecipeFile)!, BuildScriptName);
        if (!File.Exists(script))
            throw new ToolRecipeException(script, null, "is missing; every recipe builds through its build.sh");
    }

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
