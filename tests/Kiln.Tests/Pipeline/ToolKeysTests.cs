using Kiln.Targets.Fingerprints;
using Kiln.Pipeline;
using Kiln.Tests.Tools;
using Kiln.Tools;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Pipeline;

public class ToolKeysTests
{
    private static readonly Dictionary<string, string> Shared = new() { ["arch"] = "x86_64", ["toolchain"] = "gcc 12.2.0" };
    private static readonly Dictionary<string, string> Outputs = new() { ["zlib"] = "zlib output", ["libaio"] = "libaio output" };
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
    public void An_edit_of_a_library_changes_its_key_only_while_its_output_stays_the_same()
    {
        var before = Keys();

        File.AppendAllText(Path.Combine(_folder.Path, "zlib", "build.sh"), "# edited\n");
        var after = Keys();

        Assert.That(Changed(before, after), Is.EqualTo(new[] { "zlib" }));
    }

    [Test]
    public void A_changed_library_output_changes_its_dependents_keys_only()
    {
        var before = Keys();

        var after = Keys(outputs: new Dictionary<string, string>(Outputs) { ["zlib"] = "output of a zlib built with other flags" });

        Assert.That(Changed(before, after), Is.EqualTo(new[] { "fio" }));
    }

    [Test]
    public void A_dependent_has_no_key_until_every_dependency_has_an_output()
    {
        var tools = ToolKeys.For(ToolArchitecture.X86_64, Recipes(), Files(), Shared, 1);
        var fio = tools.Single(t => t.Recipe.Name == "fio");

        var unresolved = tools.Where(t => !t.IsResolved).Select(t => t.Recipe.Name).ToList();
        tools.Single(t => t.Recipe.Name == "zlib").Output = Outputs["zlib"];
        var withOneOutput = ToolKeys.TryResolve(fio, tools);
        tools.Single(t => t.Recipe.Name == "libaio").Output = Outputs["libaio"];
        var withBoth = ToolKeys.TryResolve(fio, tools);

        Assert.That(unresolved, Is.EqualTo(new[] { "fio" }));
        Assert.That(withOneOutput, Is.False);
        Assert.That(withBoth, Is.True);
        Assert.That(fio.IsResolved, Is.True);
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
    public void The_key_inputs_name_each_dependency_output_and_the_recipe_files_by_their_tools_path()
    {
        var keys = Resolved(Shared, Outputs).ToDictionary(t => t.Recipe.Name);

        Assert.That(keys["fio"].Inputs.Named["dependency-output:zlib"], Is.EqualTo(Outputs["zlib"]));
        Assert.That(keys["fio"].Inputs.Named.Keys, Has.None.EqualTo("dependency:zlib"));
        Assert.That(keys["fio"].Inputs.Files.Keys, Is.EqualTo(new[] { "fio/build.sh", "fio/tool.json" }));
        Assert.That(keys["fio"].Scope, Is.EqualTo("x86_64.fio"));
    }

    private IReadOnlyList<ToolRecipe> Recipes() => ToolRecipeSet.Load(_folder.Path).InDependencyOrder;

    private FingerprintInputs Files() => Fingerprinter.Compute(_folder.Path, new Dictionary<string, string>());

    /// <summary>Every key, each library having come out with the given output, as after restoring or building it.</summary>
    private IReadOnlyList<ToolState> Resolved(IReadOnlyDictionary<string, string> shared, IReadOnlyDictionary<string, string> outputs)
    {
        var tools = ToolKeys.For(ToolArchitecture.X86_64, Recipes(), Files(), shared, 1);
        foreach (var tool in tools)
        {
            Assert.That(ToolKeys.TryResolve(tool, tools), Is.True, $"{tool.Recipe.Name}: its dependencies come first");
            tool.Output = outputs.GetValueOrDefault(tool.Recipe.Name, tool.Recipe.Name + " output");
        }

        return tools;
    }

    private Dictionary<string, string> Keys(IReadOnlyDictionary<string, string>? shared = null, IReadOnlyDictionary<string, string>? outputs = null) =>
        Resolved(shared ?? Shared, outputs ?? Outputs).ToDictionary(t => t.Recipe.Name, t => t.Key);

    private static string[] Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Where(name => before[name] != after[name]).Order(StringComparer.Ordinal).ToArray();
}
