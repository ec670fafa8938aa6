using System.Text.Json.Nodes;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Recipes;

public class ToolRecipeSetTests
{
    [Test]
    public void The_repository_recipes_load_with_libraries_before_fio()
    {
        var recipes = ToolRecipeSet.Load(RepositoryFiles.Recipes);

        var names = recipes.InDependencyOrder.Select(r => r.Name).ToList();
        Assert.That(names, Is.EquivalentTo(new[] { "ethtool", "fio", "libaio", "numactl", "pciutils", "stress", "zlib" }));
        Assert.That(names.IndexOf("libaio"), Is.LessThan(names.IndexOf("fio")));
        Assert.That(names.IndexOf("zlib"), Is.LessThan(names.IndexOf("fio")));
        Assert.That(recipes.InDependencyOrder.Where(r => r.Kind == ToolKind.Library).Select(r => r.Name), Is.EquivalentTo(new[] { "libaio", "zlib" }));
    }

    [Test]
    public void A_recipe_without_a_dsc_pin_is_refused_naming_file_and_field()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe.Remove("dscSha256");
        var file = folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Field, Is.EqualTo("dscSha256"));
        Assert.That(error.Message, Does.Contain("required"));
    }

    [Test]
    public void A_malformed_dsc_pin_is_refused()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe["dscSha256"] = "ABC123";
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("dscSha256"));
        Assert.That(error.Message, Does.Contain("ABC123"));
    }

    [Test]
    public void A_field_of_the_wrong_type_is_refused_naming_the_type()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe["binaries"] = "hello";
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("binaries"));
        Assert.That(error.Message, Does.Contain("must be of type array"));
    }

    [Test]
    public void A_wrongly_typed_array_element_names_its_index()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe["configureFlags"] = new JsonArray("--ok", 3);
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("configureFlags[1]"));
    }

    [Test]
    public void An_unknown_kind_is_refused_listing_the_allowed_kinds()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe["kind"] = "plugin";
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Message, Does.Contain("\"tool\", \"library\""));
    }

    [Test]
    public void A_misspelt_field_is_refused()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("hello");
        recipe["license"] = "MIT";
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("license"));
        Assert.That(error.Message, Does.Contain("not a known field"));
    }

    [Test]
    public void A_dependency_on_an_unknown_recipe_is_refused()
    {
        using var folder = new RecipeFolder();
        var file = folder.Write(RecipeFolder.ValidRecipe("hello", "tool", "libmissing"));

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Field, Is.EqualTo("dependsOn"));
        Assert.That(error.Message, Does.Contain("libmissing"));
    }

    [Test]
    public void Every_unknown_dependency_is_reported_at_once_with_the_nearest_names()
    {
        using var folder = new RecipeFolder();
        folder.Write(RecipeFolder.ValidRecipe("liba", "library"));
        var first = folder.Write(RecipeFolder.ValidRecipe("hello", "tool", "libaa"));
        var second = folder.Write(RecipeFolder.ValidRecipe("world", "tool", "libzz"));

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.File, Is.EqualTo(first));
        Assert.That(error.Message, Does.Contain("\"libaa\", which is not a recipe. Did you mean 'liba'?"));
        Assert.That(error.Message, Does.Contain($"{second}: field 'dependsOn' names \"libzz\""));
    }

    [Test]
    public void A_dependency_cycle_is_refused_showing_the_cycle()
    {
        using var folder = new RecipeFolder();
        folder.Write(RecipeFolder.ValidRecipe("hello", "tool", "liba"));
        folder.Write(RecipeFolder.ValidRecipe("liba", "library", "libb"));
        folder.Write(RecipeFolder.ValidRecipe("libb", "library", "liba"));

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("dependsOn"));
        Assert.That(error.Message, Does.Contain("liba -> libb -> liba"));
    }

    [Test]
    public void A_recipe_whose_name_differs_from_its_folder_is_refused()
    {
        using var folder = new RecipeFolder();
        folder.Write(RecipeFolder.ValidRecipe("hello"), folder: "hallo");

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("name"));
    }

    [Test]
    public void A_library_that_ships_binaries_is_refused()
    {
        using var folder = new RecipeFolder();
        var recipe = RecipeFolder.ValidRecipe("libz", "library");
        recipe["binaries"] = new JsonArray("minigzip");
        folder.Write(recipe);

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.Field, Is.EqualTo("binaries"));
    }

    [Test]
    public void Every_rule_the_schema_states_is_enforced_and_named()
    {
        using var folder = new RecipeFolder();
        var schemaFile = Path.Combine(folder.Path, "tool.schema.json");
        var schema = JsonNode.Parse(File.ReadAllText(schemaFile))!.AsObject();
        schema["properties"]!["version"]!["maxLength"] = 2;
        File.WriteAllText(schemaFile, schema.ToJsonString());
        var file = folder.Write(RecipeFolder.ValidRecipe("hello"));

        var error = Assert.Throws<ToolRecipeException>(() => ToolRecipeSet.Load(folder.Path))!;

        Assert.That(error.File, Is.EqualTo(file));
        Assert.That(error.Field, Is.EqualTo("version"));
        Assert.That(error.Message, Does.Contain("StringTooLong"));
    }
}
