using Docker.DotNet.Models;
using Kiln.Docker;
using Kiln.Processes;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Docker.Engine;

public sealed class BuilderImageTests
{
    private DirectoryInfo directory = null!;
    private string dockerfile = null!;

    [SetUp]
    public void WriteDockerfile()
    {
        directory = Directory.CreateTempSubdirectory("kiln-builder-image-");
        dockerfile = Path.Combine(directory.FullName, "builder.Dockerfile");
        // A unique line makes a unique tag, so no other run's image is reused.
        File.WriteAllText(dockerfile, $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN echo {Guid.NewGuid():N} > /tmp/toolchain\n");
    }

    [TearDown]
    public void RemoveDockerfile() => directory.Delete(recursive: true);

    [Test]
    public async Task Builder_image_is_built_once_under_its_content_tag_and_then_reused()
    {
        var builder = new BuilderImage(DaemonFixture.Client, new BaseImageProvider(DaemonFixture.Client));
        var lines = new List<string>();
        var expectedTag = BuilderImage.TagFor(File.ReadAllBytes(dockerfile), DaemonFixture.BusyboxImage);

        var first = await builder.EnsureAsync(dockerfile, DaemonFixture.BusyboxImage, new SynchronousProgress<string>(lines.Add), CancellationToken.None);
        try
        {
            var second = await builder.EnsureAsync(dockerfile, DaemonFixture.BusyboxImage, new SynchronousProgress<string>(lines.Add), CancellationToken.None);

            Assert.That(first, Is.EqualTo(new BuiltImage(expectedTag, first.Id, WasBuilt: true)));
            Assert.That(second, Is.EqualTo(first with { WasBuilt = false }));
            Assert.That(lines, Has.Some.StartsWith("Step 3/3"));
        }
        finally
        {
            await DaemonFixture.Client.Images.DeleteImageAsync(first.Tag, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    [Test]
    public void A_missing_base_that_is_not_Debian_is_refused_after_the_failed_pull_is_reported()
    {
        var provider = new BaseImageProvider(DaemonFixture.Client);
        var missing = $"kiln-test-no-base:{Guid.NewGuid():N}";
        var lines = new List<string>();

        var error = Assert.ThrowsAsync<BuildException>(() =>
            provider.EnsureAsync(missing, new SynchronousProgress<string>(lines.Add), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(missing).And.Contain("only Debian images"));
        Assert.That(lines, Has.Some.StartsWith($"pull of {missing} failed"));
    }

    [Test]
    public async Task A_present_base_is_used_as_it_is()
    {
        var provider = new BaseImageProvider(DaemonFixture.Client);
        var image = await DaemonFixture.Client.Images.InspectImageAsync(DaemonFixture.BusyboxImage, CancellationToken.None);

        var id = await provider.EnsureAsync(DaemonFixture.BusyboxImage, new SynchronousProgress<string>(_ => { }), CancellationToken.None);

        Assert.That(id, Is.EqualTo(image.ID));
    }
}
