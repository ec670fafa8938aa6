using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Targets.Foundation;

namespace Kiln.Docker;

/// <summary>
/// The toolchain image built from <c>build/builder.Dockerfile</c>, tagged by the content it is made of
/// (<c>kiln-builder:&lt;12 hex&gt;</c>) so an edited Dockerfile or another base never reuses a stale image.
/// </summary>
internal sealed class BuilderImage(IDockerClient client, BaseImageProvider baseImages)
{
    internal const string Repository = "kiln-builder";

    /// <summary>The tag for a Dockerfile and base: the first 12 hex digits of SHA-256 over both.</summary>
    internal static string TagFor(byte[] dockerfile, string baseReference)
    {
        // The NUL keeps "file + ref" from colliding with a shorter file whose tail looks like a reference.
        var input = dockerfile.Concat(new byte[] { 0 }).Concat(Encoding.UTF8.GetBytes(baseReference)).ToArray();
        return Repository + ":" + Convert.ToHexStringLower(SHA256.HashData(input))[..12];
    }

    /// <summary>
    /// Returns the image for this Dockerfile and base, building it (and obtaining the base) only when its tag
    /// is not present. Build output is reported line by line.
    /// </summary>
    internal async Task<BuiltImage> EnsureAsync(
        string dockerfilePath, string baseReference, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var dockerfile = await File.ReadAllBytesAsync(dockerfilePath, cancellationToken);
        var tag = TagFor(dockerfile, baseReference);
        try
        {
            var existing = await client.Images.InspectImageAsync(tag, cancellationToken);
            progress.Report($"builder image {tag} is present ({existing.ID})");
            return new BuiltImage(tag, existing.ID, WasBuilt: false);
        }
        catch (DockerImageNotFoundException)
        {
            progress.Report($"builder image {tag} is not present; building it from {Path.GetFileName(dockerfilePath)} on {baseReference}");
        }
        catch (HttpRequestException e)
        {
            throw new BuildException(DockerAvailability.Unreachable(client.Options.Endpoint, e) + ". Start dockerd or point DOCKER_HOST at a running daemon.", e);
        }
        await baseImages.EnsureAsync(baseReference, progress, cancellationToken);
        using var context = CreateContext(dockerfile);
        var parameters = new ImageBuildParameters
        {
            Tags = [tag],
            Dockerfile = "Dockerfile",
            BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseReference },
            NetworkMode = "host",
            Remove = true,
            ForceRemove = true,
        };
        string id;
        try
        {
            id = await client.Images.BuildAsync(context, parameters, new BuildOutputProgress(progress), cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new BuildException($"building {tag} from {dockerfilePath} on {baseReference} failed: {e.DaemonMessage()}", e);
        }
        progress.Report($"builder image {tag} built ({id})");
        return new BuiltImage(tag, id, WasBuilt: true);
    }

    /// <summary>A build context holding only the Dockerfile, so nothing else in the repository can leak into the image.</summary>
    private static MemoryStream CreateContext(byte[] dockerfile)
    {
        var context = new MemoryStream();
        using (var writer = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream(dockerfile),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = DateTimeOffset.UnixEpoch,
            });
        context.Position = 0;
        return context;
    }

    /// <summary>Turns the build's JSON stream into text lines, without the blank lines the daemon interleaves.</summary>
    private sealed class BuildOutputProgress(IProgress<string> lines) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value)
        {
            var text = value.Stream ?? value.Status;
            if (text is null)
                return;
            foreach (var line in text.Split('\n'))
                if (line.Trim().Length > 0)
                    lines.Report(line.TrimEnd('\r'));
        }
    }
}
