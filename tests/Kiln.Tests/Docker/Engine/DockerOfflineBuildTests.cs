using Kiln.Docker;
using Kiln.Testing;
using Kiln.Tests.Tools;

namespace Kiln.Tests.Docker.Engine;

/// <summary>The Docker executor compiles in containers without network, in the builder image the build uses.</summary>
[TimeLimit(600, Why = "the first run on a machine builds the builder image from build/builder.Dockerfile, with the base bootstrapped when missing")]
public sealed class DockerOfflineBuildTests
{
    [Test]
    public async Task A_recipe_that_downloads_fails_naming_the_tool_and_the_server_sees_no_connection()
    {
        using var recipe = new DownloadingRecipe();
        var executor = new DockerToolExecutor(
            DaemonFixture.Client, Path.Combine(RepositoryFiles.Root, "build", "builder.Dockerfile"), "debian:bookworm", recipe.Layout.RootDirectory);
        await new BaseImageProvider(DaemonFixture.Client).EnsureAsync("debian:bookworm", new Progress<string>(), CancellationToken.None);

        var error = recipe.BuildFails(executor);

        Assert.That(error.Tool, Is.EqualTo(DownloadingRecipe.Name));
        Assert.That(error.Message, Does.StartWith($"{DownloadingRecipe.Name} (").And.Contain("build.sh failed with exit code").And.Contain("build.sh runs without network"));
        Assert.That(recipe.ServerSawAConnection, Is.False);
    }
}
