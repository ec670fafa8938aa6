using Kiln.Tools.Executors;

namespace Kiln.Tests.Tools.Executors;

/// <summary>The local executor runs a recipe's build steps in a network namespace of their own.</summary>
public sealed class LocalOfflineBuildTests
{
    [Test]
    public void A_recipe_that_downloads_fails_naming_the_tool_and_the_server_sees_no_connection()
    {
        using var recipe = new DownloadingRecipe();

        var error = recipe.BuildFails(new LocalToolExecutor(recipe.Layout.BuildDirectory));

        Assert.That(error.Tool, Is.EqualTo(DownloadingRecipe.Name));
        Assert.That(error.Message, Does.StartWith($"{DownloadingRecipe.Name} (").And.Contain("build.sh failed with exit code").And.Contain("build.sh runs without network"));
        Assert.That(recipe.ServerSawAConnection, Is.False);
    }

    [Test]
    public async Task Without_unshare_the_build_is_not_isolated_and_the_warning_says_so()
    {
        using var empty = new ScratchDirectory();
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", empty.Path);
        try
        {
            var isolation = await NetworkIsolation.ProbeAsync(isRoot: true, CancellationToken.None);

            Assert.That(isolation.IsIsolated, Is.False);
            Assert.That(isolation.Prefix, Is.Empty);
            Assert.That(isolation.Warning, Does.Contain("not network isolated").And.Contain("unshare").And.Contain("util-linux"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }
}
