using Kiln.Tools;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Recipes;

public class ToolSelectionTests
{
    [Test]
    public void No_architecture_list_selects_both_architectures()
    {
        Assert.That(ToolArchitecture.ParseList(null).Select(a => a.Name), Is.EqualTo(new[] { "x86_64", "aarch64" }));
    }

    [Test]
    public void An_architecture_list_selects_those_architectures_in_canonical_order()
    {
        Assert.That(ToolArchitecture.ParseList(" aarch64 ,x86_64").Select(a => a.Name), Is.EqualTo(new[] { "x86_64", "aarch64" }));
        Assert.That(ToolArchitecture.ParseList("aarch64").Select(a => a.Name), Is.EqualTo(new[] { "aarch64" }));
    }

    [Test]
    public void An_unknown_architecture_is_refused_listing_the_allowed_values()
    {
        var error = Assert.Throws<ArgumentException>(() => ToolArchitecture.ParseList("x86_64,arm64"))!;

        Assert.That(error.Message, Does.Contain("'arm64'").And.Contain("x86_64, aarch64"));
    }

    [Test]
    public void Selecting_a_tool_adds_its_build_only_libraries_before_it()
    {
        var recipes = ToolRecipeSet.Load(RepositoryFiles.Recipes);

        var selected = recipes.Select(["fio", "ethtool"]).Select(r => r.Name).ToList();

        Assert.That(selected, Is.EquivalentTo(new[] { "ethtool", "fio", "libaio", "zlib" }));
        Assert.That(selected.IndexOf("fio"), Is.GreaterThan(selected.IndexOf("libaio")));
    }

    [Test]
    public void Selecting_no_tool_selects_every_recipe()
    {
        var recipes = ToolRecipeSet.Load(RepositoryFiles.Recipes);

        Assert.That(recipes.Select([]), Has.Count.EqualTo(7));
    }

    [Test]
    public void An_unknown_tool_is_refused_listing_the_known_tools()
    {
        var recipes = ToolRecipeSet.Load(RepositoryFiles.Recipes);

        var error = Assert.Throws<ArgumentException>(() => recipes.Select(["fio", "sysstat"]))!;

        Assert.That(error.Message, Does.Contain("'sysstat'").And.Contain("numactl"));
    }
}
