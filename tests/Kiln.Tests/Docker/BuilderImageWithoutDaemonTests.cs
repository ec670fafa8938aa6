using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;
using Kiln.Processes;
using Kiln.Targets.Foundation;
using Kiln.Tests.Docker.Fakes;

namespace Kiln.Tests.Docker;

/// <summary>The builder image's decisions, against a fake Engine API: which calls are made, and how a streamed failure ends.</summary>
public sealed class BuilderImageWithoutDaemonTests
{
    private DirectoryInfo directory = null!;
    private string dockerfile = null!;

    [SetUp]
    public void WriteDockerfile()
    {
        directory = Directory.CreateTempSubdirectory("kiln-builder-fake-");
        dockerfile = Path.Combine(directory.FullName, "builder.Dockerfile");
        File.WriteAllText(dockerfile, "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
    }

    [TearDown]
    public void RemoveDockerfile() => directory.Delete(recursive: true);

    [Test]
    public async Task A_present_content_tag_is_reused_without_building_or_looking_at_the_base()
    {
        var images = FakeOperations.Create<IImageOperations>(new()
        {
            ["InspectImageAsync"] = _ => Task.FromResult(new ImageInspectResponse { ID = "sha256:present" }),
        });
        var client = FakeDockerClient.WithImages(images);

        var image = await new BuilderImage(client, new BaseImageProvider(client)).EnsureAsync(
            dockerfile, "debian:bookworm", new SynchronousProgress<string>(_ => { }), CancellationToken.None);

        Assert.That(image, Is.EqualTo(new BuiltImage(BuilderImage.TagFor(File.ReadAllBytes(dockerfile), "debian:bookworm"), "sha256:present", WasBuilt: false)));
        Assert.That(FakeOperations.Of(images).Calls, Is.EqualTo(new[] { "InspectImageAsync" }));
    }

    [Test]
    public void An_unreachable_daemon_is_a_build_error_naming_the_socket()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"kiln-no-daemon-{Guid.NewGuid():N}.sock");
        using var client = new DockerClientBuilder().WithEndpoint(new Uri("unix://" + socket)).Build();

        var error = Assert.ThrowsAsync<BuildException>(() => new BuilderImage(client, new BaseImageProvider(client)).EnsureAsync(
            dockerfile, "debian:bookworm", new SynchronousProgress<string>(_ => { }), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(socket).And.Contain("the socket does not exist").And.Contain("DOCKER_HOST"));
    }

    [Test]
    public void A_build_whose_stream_carries_an_error_line_fails_although_the_daemon_answered_200()
    {
        var images = FakeOperations.Create<IImageOperations>(new()
        {
            ["InspectImageAsync"] = args => (string)args[0]! == "debian:bookworm"
                ? Task.FromResult(new ImageInspectResponse { ID = "sha256:base" })
                : Task.FromException<ImageInspectResponse>(new DockerImageNotFoundException(System.Net.HttpStatusCode.NotFound, "{\"message\":\"No such image\"}")),
            ["BuildImageFromDockerfileAsync"] = args =>
            {
                var progress = (IProgress<JSONMessage>)args[4]!;
                progress.Report(new JSONMessage { Stream = "Step 1/2 : FROM debian:bookworm\n" });
                progress.Report(new JSONMessage { Error = new JSONError { Message = "The command '/bin/sh -c false' returned a non-zero code: 1" } });
                return Task.CompletedTask;
            },
        });
        var client = FakeDockerClient.WithImages(images);
        var lines = new List<string>();

        var error = Assert.ThrowsAsync<BuildException>(() => new BuilderImage(client, new BaseImageProvider(client)).EnsureAsync(
            dockerfile, "debian:bookworm", new SynchronousProgress<string>(lines.Add), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(dockerfile).And.EndWith("failed: The command '/bin/sh -c false' returned a non-zero code: 1"));
        Assert.That(error.InnerException, Is.InstanceOf<DockerApiException>().With.Property(nameof(DockerApiException.StatusCode)).EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(lines, Does.Contain("Step 1/2 : FROM debian:bookworm"));
    }
}
