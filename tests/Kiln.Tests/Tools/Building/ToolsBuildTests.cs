using Kiln.Pipeline;
using Kiln.Tools;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Building;

public class ToolsBuildTests
{
    [Test]
    public void A_recipe_without_a_pin_is_refused_before_any_download()
    {
        using var folder = new RecipeFolder();
        folder.Write(RecipeFolder.ValidRecipe("hello"));
        var unpinned = RecipeFolder.ValidRecipe("world");
        unpinned.Remove("dscSha256");
        folder.Write(unpinned);
        var cache = Path.Combine(folder.Root, "tools-cache");
        using var workflow = new ToolsWorkflow(
            new ToolsSettings(folder.Root, ["x86_64", "aarch64"], ["hello"], ExecutorKind.Local, cache, 1 << 20, "debian:bookworm", Path.Combine(folder.Root, "builder.Dockerfile"))
            {
                Parameters = BuildParameters.Tools,
            },
            TextWriter.Null);

        var error = Assert.ThrowsAsync<ToolRecipeException>(() => workflow.BuildMissedAsync(CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain(Path.Combine("world", "tool.json")).And.Contain("dscSha256"));
        Assert.That(Directory.Exists(new CheckoutLayout(folder.Root).BuildDirectory), Is.False, "nothing was fetched");
        Assert.That(Directory.Exists(cache), Is.False, "nothing was stored");
    }
}
