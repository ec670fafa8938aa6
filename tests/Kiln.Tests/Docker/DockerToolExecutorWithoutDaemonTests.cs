using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;
using Kiln.Tests.Docker.Fakes;
using Kiln.Tools.Executors;

namespace Kiln.Tests.Docker;

/// <summary>What the Docker executor asks of the Engine API, against a fake one.</summary>
public sealed class DockerToolExecutorWithoutDaemonTests
{
    private DirectoryInfo directory = null!;

    [SetUp]
    public void CreateCheckout()
    {
        directory = Directory.CreateTempSubdirectory("kiln-executor-fake-");
        directory.CreateSubdirectory("tools");
        directory.CreateSubdirectory("sources");
        File.WriteAllText(PathOf("builder.Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
    }

    [TearDown]
    public void RemoveCheckout() => directory.Delete(recursive: true);

    [Test]
    public async Task A_tools_container_is_labelled_with_the_checkout_it_builds_for()
    {
        CreateContainerParameters? created = null;
        var images = FakeOperations.Create<IImageOperations>(new()
        {
            ["InspectImageAsync"] = _ => Task.FromResult(new ImageInspectResponse { ID = "sha256:present" }),
        });
        var containers = FakeOperations.Create<IContainerOperations>(new()
        {
            ["CreateContainerAsync"] = args =>
            {
                created = (CreateContainerParameters)args[0]!;
                return Task.FromResult(new CreateContainerResponse { ID = "tools-container" });
            },
            ["StartContainerAsync"] = _ => Task.FromResult(true),
            ["RemoveContainerAsync"] = _ => Task.CompletedTask,
        });
        var executor = new DockerToolExecutor(
            FakeDockerClient.WithImagesAndContainers(images, containers), PathOf("builder.Dockerfile"), "debian:bookworm", directory.FullName);

        var sandbox = await executor.OpenAsync(new ToolSandboxSpec("aarch64", PathOf("tools"), PathOf("sources")), CancellationToken.None);
        await sandbox.DisposeAsync();

        Assert.That(created!.Labels, Does.ContainKey("kiln.checkout").WithValue(directory.FullName));
        Assert.That(created.Labels, Does.ContainKey("kiln.sandbox").WithValue("tools"));
    }

    private string PathOf(string name) => Path.Combine(directory.FullName, name);
}
