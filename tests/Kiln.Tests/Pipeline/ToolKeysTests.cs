using Kiln.Targets.Fingerprints;
using Kiln.Pipeline;
using Kiln.Tests.Tools;
using Kiln.Tools;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Pipeline;

public class ToolKeysTests
{
    private static readonly Dictionary<string, string> Shared = new() { ["arch"] = "x86_64", ["toolchain"] = "gcc 12.2.0" };
    private RecipeFolder _folder = null!;

    [SetUp]
    public void WriteRecipes()
    {
        _folder = new RecipeFolder();
        _folder.Write(RecipeFolder.ValidRecipe("zlib", "library"));
        _folder.Write(RecipeFolder.ValidRecipe("libaio", "library"));
        _folder.Write(RecipeFolder.ValidRecipe("fio", "tool", "zlib", "libaio"));
        _folder.Write(RecipeFolder.ValidRecipe("stress"));
        File.WriteAllText(Path.Combine(_folder.Path, "README.md"), "# Recipes\n");
    }

    [TearDown]
    public void DeleteRecipes() => _folder.Dispose();

    [Test]
    public void An_edit_of_a_library_changes_its_key_and_its_dependents_keys_only()
    {
        var before = Keys();

        File.AppendAllText(Path.Combine(_folder.Path, "zlib", "build.sh"), "# edited\n");
        var after = Keys();

        Assert.That(Changed(before, after), Is.EqualTo(new[] { "fio", "zlib" }));
    }

    [Test]
    public void An_edit_of_a_tool_changes_that_tool_key_only()
    {
        var before = Keys();

        File.AppendAllText(Path.Combine(_folder.Path, "stress", "build.sh"), "# edited\n");
        var after = Keys();

        Assert.That(Changed(before, after), Is.EqualTo(new[] { "stress" }));
    }

    [Test]
    public void An_edit_outside_every_recipe_folder_changes_no_key()
    {
        var before = Keys();

        File.AppendAllText(Path.Combine(_folder.Path, "README.md"), "More words.\n");
        var after = Keys();

        Assert.That(Changed(before, after), Is.Empty);
    }

    [Test]
    public void A_shared_input_changes_every_key()
    {
        var before = Keys();

        var after = Keys(new Dictionary<string, string>(Shared) { ["toolchain"] = "gcc 13.1.0" });

        Assert.That(Changed(before, after), Is.EqualTo(new[] { "fio", "libaio", "stress", "zlib" }));
    }

    [Test]
    public void The_key_inputs_name_each_dependency_key_and_the_recipe_files_by_their_tools_path()
    {
        var keys = ToolKeys.For(ToolArchitecture.X86_64, Recipes(), Fingerprinter.Compute(_folder.Path, new Dictionary<string, string>()), Shared, 1)
            .ToDictionary(t => t.Recipe.Name);

        Assert.That(keys["fio"].Inputs.Named["dependency:zlib"], Is.EqualTo(keys["zlib"].Key));
        Assert.That(keys["fio"].Inputs.Files.Keys, Is.EqualTo(new[] { "fio/build.sh", "fio/tool.json" }));
        Assert.That(keys["fio"].Scope, Is.EqualTo("x86_64.fio"));
    }

    private IReadOnlyList<ToolRecipe> Recipes() => ToolRecipeSet.Load(_folder.Path).InDependencyOrder;

    private Dictionary<string, string> Keys(IReadOnlyDictionary<string, string>? shared = null) =>
        ToolKeys.For(ToolArchitecture.X86_64, Recipes(), Fingerprinter.Compute(_folder.Path, new Dictionary<string, string>()), shared ?? Shared, 1)
            .ToDictionary(t => t.Recipe.Name, t => t.Key);

    private static string[] Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Where(name => before[name] != after[name]).Order(StringComparer.Ordinal).ToArray();
}
