using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;
using Kiln.Processes;

namespace Kiln.Tests.Docker.Engine;

public sealed class ImageTests
{
    private readonly List<string> imagesToRemove = [];

    [TearDown]
    public async Task RemoveImages()
    {
        foreach (var image in imagesToRemove)
            await DaemonFixture.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        imagesToRemove.Clear();
    }

    [Test]
    public async Task Import_of_a_rootfs_tarball_creates_an_image_under_the_given_tag()
    {
        var tag = UniqueTag("import");
        using var rootfs = DaemonFixture.BusyboxRootfs();

        var id = await DaemonFixture.Client.Images.ImportAsync(rootfs, ImageReference.Parse(tag), null, CancellationToken.None);
        imagesToRemove.Add(tag);

        var image = await DaemonFixture.Client.Images.InspectImageAsync(tag, CancellationToken.None);
        Assert.That(image.ID, Is.EqualTo(id));
        Assert.That(image.RepoTags, Does.Contain(tag));
    }

    [Test]
    public void Build_whose_RUN_fails_throws_with_the_daemons_message()
    {
        using var context = Context($"FROM {DaemonFixture.BusyboxImage}\nRUN echo kiln-about-to-fail && exit 3\n");
        var lines = new List<string>();

        var error = Assert.ThrowsAsync<DockerApiException>(() => DaemonFixture.Client.Images.BuildAsync(
            context,
            new ImageBuildParameters { Tags = [UniqueTag("failing")], NetworkMode = "host", ForceRemove = true },
            new SynchronousProgress<JSONMessage>(message => lines.Add(message.Stream ?? "")),
            CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        Assert.That(error.DaemonMessage(), Does.Contain("returned a non-zero code: 3"));
        Assert.That(string.Concat(lines), Does.Contain("kiln-about-to-fail"));
    }

    [Test]
    public async Task Build_returns_the_id_of_the_tagged_image_and_passes_build_args()
    {
        var tag = UniqueTag("built");
        using var context = Context($"FROM {DaemonFixture.BusyboxImage}\nARG GREETING\nRUN echo \"greeting=$GREETING\" > /tmp/greeting\n");
        var lines = new List<string>();

        var id = await DaemonFixture.Client.Images.BuildAsync(
            context,
            new ImageBuildParameters { Tags = [tag], NetworkMode = "host", BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hi" } },
            new SynchronousProgress<JSONMessage>(message => lines.Add(message.Stream ?? "")),
            CancellationToken.None);
        imagesToRemove.Add(tag);

        Assert.That((await DaemonFixture.Client.Images.InspectImageAsync(tag, CancellationToken.None)).ID, Is.EqualTo(id));
        Assert.That(string.Concat(lines), Does.Contain("Step 3/3"));
    }

    [Test]
    public void Inspect_of_a_missing_image_throws_image_not_found_with_the_daemons_message()
    {
        var missing = UniqueTag("missing");

        var error = Assert.ThrowsAsync<DockerImageNotFoundException>(() => DaemonFixture.Client.Images.InspectImageAsync(missing, CancellationToken.None));

        Assert.That(error!.DaemonMessage(), Does.Contain("No such image"));
    }

    [Test]
    public void Pull_without_a_reachable_registry_fails_with_the_daemons_message()
    {
        var reference = new ImageReference("kiln-no-such-registry.invalid/kiln/none", "1");

        var error = Assert.ThrowsAsync(Is.InstanceOf<DockerApiException>(), () => DaemonFixture.Client.Images.PullAsync(reference, null, CancellationToken.None));

        Assert.That(((DockerApiException)error!).DaemonMessage(), Does.Contain("kiln-no-such-registry.invalid"));
    }

    private static string UniqueTag(string purpose) => $"kiln-test-{purpose}:{Guid.NewGuid():N}";

    private static MemoryStream Context(string dockerfile)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(dockerfile)) });
        tar.Position = 0;
        return tar;
    }
}
