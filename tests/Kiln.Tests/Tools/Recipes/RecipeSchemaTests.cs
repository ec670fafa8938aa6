using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Recipes;

public class RecipeSchemaTests
{
    private RecipeFolder _folder = null!;
    private string _memo = null!;

    [SetUp]
    public void WriteRecipe()
    {
        _folder = new RecipeFolder();
        _folder.Write(RecipeFolder.ValidRecipe("stress"));
        _memo = Path.Combine(_folder.Root, ".nuke", "temp", "recipes.validated");
    }

    [TearDown]
    public void DeleteRecipe() => _folder.Dispose();

    private string SchemaFile => Path.Combine(_folder.Path, ToolRecipeSet.SchemaFileName);

    private string RecipeText => File.ReadAllText(Path.Combine(_folder.Path, "stress", "tool.json"));

    [Test]
    public void A_recipe_text_accepted_before_is_not_validated_again()
    {
        var first = new RecipeSchema(SchemaFile, _memo);
        first.Validate(RecipeText);
        first.Save();

        var second = new RecipeSchema(SchemaFile, _memo);
        var violations = second.Validate(RecipeText);

        Assert.That(violations, Is.Empty);
        Assert.That(first.HasValidated, Is.True);
        Assert.That(second.HasValidated, Is.False);
    }

    [Test]
    public void An_edited_recipe_is_validated_again_and_its_violation_reported()
    {
        var first = new RecipeSchema(SchemaFile, _memo);
        first.Validate(RecipeText);
        first.Save();

        var broken = RecipeText.Replace("\"licence\":\"MIT\"", "\"licence\":42", StringComparison.Ordinal);
        var violations = new RecipeSchema(SchemaFile, _memo).Validate(broken);

        Assert.That(broken, Is.Not.EqualTo(RecipeText));
        Assert.That(violations.Select(v => v.Field), Does.Contain("licence"));
    }

    [Test]
    public void An_edited_schema_validates_every_recipe_again()
    {
        var first = new RecipeSchema(SchemaFile, _memo);
        first.Validate(RecipeText);
        first.Save();

        File.AppendAllText(SchemaFile, "\n");
        var second = new RecipeSchema(SchemaFile, _memo);
        second.Validate(RecipeText);

        Assert.That(second.HasValidated, Is.True);
    }
}
