using System.Text.Json.Nodes;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Recipes;

public class DataRecipeTests
{
    [Test]
    public void The_repository_pins_pci_ids_by_the_sha256_of_its_deb()
    {
        var recipes = DataRecipe.LoadAll(RepositoryFiles.Recipes);

        var pciIds = recipes.Single();
        Assert.That(pciIds.Name, Is.EqualTo("pci.ids"));
        Assert.That(pciIds.AptSpec, Is.EqualTo("pci.ids=0.0~2023.04.11-1"));
        Assert.That(pciIds.DebSha256, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(pciIds.File, Is.EqualTo("usr/share/misc/pci.ids"));
    }

    [Test]
    public void Data_recipes_are_not_tool_recipes()
    {
        var tools = ToolRecipeSet.Load(RepositoryFiles.Recipes).InDependencyOrder.Select(r => r.Name);

        Assert.That(tools, Does.Not.Contain("pci.ids"));
    }

    [Test]
    public void A_data_recipe_without_a_deb_pin_is_refused_naming_file_and_field()
    {
        using var folder = new DataFolder();
        var recipe = DataFolder.Valid("pci.ids");
        recipe.Remove("debSha256");
        var file = folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => DataRecipe.LoadAll(folder.Path))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Message, Does.Contain("debSha256"));
    }

    [Test]
    public void A_data_recipe_whose_file_climbs_out_of_the_package_is_refused()
    {
        using var folder = new DataFolder();
        var recipe = DataFolder.Valid("pci.ids");
        recipe["file"] = "usr/../../etc/passwd";
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => DataRecipe.LoadAll(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("file"));
    }

    [Test]
    public void A_data_recipe_named_unlike_its_folder_is_refused()
    {
        using var folder = new DataFolder();
        folder.Write(DataFolder.Valid("pci.ids"), folder: "usb.ids");

        var error = Assert.Throws<ToolRecipeException>(() => DataRecipe.LoadAll(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("name"));
        Assert.That(error.Message, Does.Contain("usb.ids"));
    }

    /// <summary>A tools/ folder with the repository's data schema, for data recipes written by a test.</summary>
    private sealed class DataFolder : IDisposable
    {
        private readonly ScratchDirectory _root = new();

        public DataFolder()
        {
            Directory.CreateDirectory(Path);
            File.Copy(System.IO.Path.Combine(RepositoryFiles.Recipes, DataRecipe.SchemaFileName), System.IO.Path.Combine(Path, DataRecipe.SchemaFileName));
        }

        public string Path => _root.Combine("tools");

        public static JsonObject Valid(string name) => new()
        {
            ["name"] = name,
            ["binaryPackage"] = name,
            ["sourcePackage"] = name,
            ["version"] = "1.0-1",
            ["debSha256"] = new string('a', 64),
            ["file"] = $"usr/share/misc/{name}",
            ["licence"] = "MIT",
        };

        public string Write(JsonObject recipe, string? folder = null)
        {
            var directory = System.IO.Path.Combine(Path, folder ?? recipe["name"]!.GetValue<string>());
            Directory.CreateDirectory(directory);
            var file = System.IO.Path.Combine(directory, DataRecipe.RecipeFileName);
            File.WriteAllText(file, recipe.ToJsonString());
            return file;
        }

        public void Dispose() => _root.Dispose();
    }
}
