using System.Text.Json;

namespace Kiln.Tools.Recipes;

/// <summary>
/// One validated tools/&lt;name&gt;/data.json: a data file every archive ships, taken from a Debian binary package pinned
/// by the SHA-256 of its .deb, as tool recipes pin their .dsc. It lives under tools/, so it is part of the tools fingerprint.
/// </summary>
internal sealed record DataRecipe(
    string Name,
    string BinaryPackage,
    string SourcePackage,
    string Version,
    string DebSha256,
    string File,
    string Licence,
    string RecipeFile)
{
    public const string RecipeFileName = "data.json";
    public const string SchemaFileName = "data.schema.json";

    /// <summary>The <c>pkg=version</c> argument apt-get download takes.</summary>
    public string AptSpec => $"{BinaryPackage}={Version}";

    /// <summary>Every data recipe under <paramref name="recipesDirectory"/>, in name order.</summary>
    public static IReadOnlyList<DataRecipe> LoadAll(string recipesDirectory)
    {
        var schemaFile = Path.Combine(recipesDirectory, SchemaFileName);
        if (!System.IO.File.Exists(schemaFile))
            throw new ToolRecipeException(schemaFile, null, "is missing; every data recipe is validated against it");
        var schema = new RecipeSchema(schemaFile, memoFile: null);
        return Directory.EnumerateDirectories(recipesDirectory)
            .Select(d => Path.Combine(d, RecipeFileName))
            .Where(System.IO.File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(f => Load(schema, f))
            .ToList();
    }

    private static DataRecipe Load(RecipeSchema schema, string file)
    {
        using (var document = RecipeDocument.Parse(schema, file))
        {
            var root = document.RootElement;
            string Text(string name) => root.GetProperty(name).GetString()!;
            var recipe = new DataRecipe(Text("name"), Text("binaryPackage"), Text("sourcePackage"), Text("version"), Text("debSha256"),
                Text("file"), Text("licence"), file);
            var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
            if (recipe.Name != folder)
                throw new ToolRecipeException(file, "name", $"is \"{recipe.Name}\" but must equal its folder name \"{folder}\"");
            if (recipe.File.Split('/').Contains(".."))
                throw new ToolRecipeException(file, "file", $"is \"{recipe.File}\"; a path inside the package may not climb out with '..'");
            return recipe;
        }
    }
}
