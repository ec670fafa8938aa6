using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Docker;

namespace Kiln.Tests.Docker.Engine;

/// <summary>
/// The real daemon every Engine test talks to, and one tiny image made without a registry: a root filesystem
/// holding the static busybox (package busybox-static), imported under a unique tag and removed at the end.
/// A missing daemon fails these tests; CI starts one before running them.
/// </summary>
[SetUpFixture]
public sealed class DaemonFixture
{
    private const string BusyboxPath = "/bin/busybox";

    internal static IDockerClient Client { get; private set; } = null!;

    /// <summary>Tag of the busybox image: <c>sh</c>, <c>sleep</c>, <c>cat</c>, … on PATH, nothing else.</summary>
    internal static string BusyboxImage { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task ImportBusyboxImage()
    {
        var availability = await DockerAvailability.ProbeAsync(timeout: TimeSpan.FromSeconds(10));
        Assert.That(availability.IsAvailable, Is.True, $"{availability.Description}. The Docker tests need a running daemon (./build.sh Test starts one).");
        Client = new DockerClientBuilder().Build();
        Assert.That(File.Exists(BusyboxPath), Is.True, $"{BusyboxPath} is missing: apt-get install busybox-static");
        BusyboxImage = $"kiln-test-busybox:{Guid.NewGuid():N}";
        using var rootfs = BusyboxRootfs();
        await Client.Images.ImportAsync(rootfs, ImageReference.Parse(BusyboxImage), null, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task RemoveBusyboxImage()
    {
        if (BusyboxImage is not null)
            await Client.Images.DeleteImageAsync(BusyboxImage, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        Client?.Dispose();
    }

    /// <summary>A root filesystem tar: /bin/busybox, applet links, and the directories a container expects.</summary>
    internal static MemoryStream BusyboxRootfs()
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in new[] { "bin/", "tmp/", "etc/", "proc/", "sys/", "dev/" })
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory) { Mode = (UnixFileMode)0b111_101_101 });
            writer.WriteEntry(BusyboxPath, "bin/busybox");
            foreach (var applet in new[] { "sh", "sleep", "cat", "echo", "mkdir", "ln", "true", "false", "ls" })
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
        }
        tar.Position = 0;
        return tar;
    }
}
