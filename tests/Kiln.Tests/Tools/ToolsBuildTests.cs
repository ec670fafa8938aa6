using Kiln.Tools;

namespace Kiln.Tests.Tools;

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
        var request = new ToolsBuildRequest(folder.Root, ToolArchitecture.All, ["hello"], new LocalToolExecutor(),
            new SourcePackageStore(Path.Combine(folder.Root, "tools-cache", "sources"), TextWriter.Null), 0);

        var error = Assert.ThrowsAsync<ToolRecipeException>(() => ToolsBuild.RunAsync(request, TextWriter.Null, null, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain(Path.Combine("world", "tool.json")).And.Contain("dscSha256"));
        Assert.That(Directory.Exists(new ToolsLayout(folder.Root).BuildDirectory), Is.False, "nothing was fetched");
        Assert.That(Directory.Exists(Path.Combine(folder.Root, "tools-cache")), Is.False, "nothing was stored");
    }
}
