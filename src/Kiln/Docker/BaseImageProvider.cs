using System.Diagnostics;
using Docker.DotNet;
using Kiln.Processes;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools.Sources.Apt;

namespace Kiln.Docker;

/// <summary>
/// Makes the builder's base image (e.g. <c>debian:bookworm</c>) available to the daemon: present, else pulled,
/// else bootstrapped with <c>debootstrap --variant=minbase</c> from the machine's own apt mirror and imported.
/// The last path needs root and the <c>debootstrap</c> and <c>tar</c> commands.
/// </summary>
internal sealed class BaseImageProvider(IDockerClient client, string aptDirectory = AptSources.DefaultDirectory)
{
    /// <summary>Returns the image id of <paramref name="reference"/>, after obtaining the image when it is missing.</summary>
    internal async Task<string> EnsureAsync(string reference, IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (await TryInspectAsync(reference, cancellationToken) is { } present)
            return present;
        var parsed = ImageReference.Parse(reference);
        progress.Report($"base image {reference} is not present; pulling it");
        try
        {
            await client.Images.PullAsync(parsed, null, cancellationToken);
            if (await TryInspectAsync(reference, cancellationToken) is { } pulled)
                return pulled;
        }
        catch (DockerApiException e)
        {
            progress.Report($"pull of {reference} failed ({e.DaemonMessage()})");
        }
        return await BootstrapAsync(parsed, progress, cancellationToken);
    }

    private async Task<string> BootstrapAsync(ImageReference reference, IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (reference.Repository is not ("debian" or "library/debian" or "docker.io/library/debian"))
            throw new BuildException(
                $"base image {reference} is missing and cannot be pulled, and only Debian images (debian:<suite>) can be bootstrapped here");
        var suite = reference.Tag;
        var mirror = AptSources.Read(aptDirectory).FindMirror(suite);
        var workDirectory = Directory.CreateTempSubdirectory("kiln-base-image-");
        try
        {
            var rootfs = Path.Combine(workDirectory.FullName, "rootfs");
            var tarball = Path.Combine(workDirectory.FullName, "rootfs.tar");
            var clock = Stopwatch.StartNew();
            progress.Report($"bootstrapping {reference} with debootstrap --variant=minbase {suite} from the configured apt mirror {mirror}");
            var debootstrapExit = await ProcessRunner.RunAsync(
                ["debootstrap", "--variant=minbase", suite, rootfs, mirror.ToString()], workDirectory.FullName, null,
                new LineProgressWriter(new SynchronousProgress<string>(line => progress.Report("debootstrap: " + line))), cancellationToken);
            if (debootstrapExit != 0)
                throw new BuildException(
                    $"debootstrap of {suite} from {mirror} failed with exit code {debootstrapExit} (it needs root; see its output above)");
            // apt's downloaded packages are not part of a base image; the official images leave them out too.
            var aptArchives = Path.Combine(rootfs, "var/cache/apt/archives");
            if (Directory.Exists(aptArchives))
                foreach (var cached in Directory.EnumerateFiles(aptArchives, "*.deb"))
                    File.Delete(cached);
            progress.Report($"debootstrap done in {clock.Elapsed.TotalSeconds:F1} s; packing the root filesystem");
            var tarExit = await ProcessRunner.RunAsync(
                ["tar", "--numeric-owner", "--xattrs", "-C", rootfs, "-cf", tarball, "."], workDirectory.FullName, null,
                new LineProgressWriter(progress), cancellationToken);
            if (tarExit != 0)
                throw new BuildException($"packing the bootstrapped root filesystem failed with exit code {tarExit}");
            progress.Report($"importing {new FileInfo(tarball).Length / (1024 * 1024)} MiB as {reference}");
            await using var tar = File.OpenRead(tarball);
            var id = await client.Images.ImportAsync(tar, reference, null, cancellationToken);
            progress.Report($"base image {reference} bootstrapped in {clock.Elapsed.TotalSeconds:F1} s ({id})");
            return id;
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private async Task<string?> TryInspectAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.Images.InspectImageAsync(reference, cancellationToken)).ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
