using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Caching;
using Kiln.Targets.Foundation;
using Kiln.Tools.Executors;

namespace Kiln.Docker;

/// <summary>
/// The package database of a builder image, as <see cref="ToolchainPackages.Query"/> lists it, read in a container without
/// network. An image id names the image's exact content, so the listing is remembered in a file against it and a warm run
/// reads it without starting a container; a missing, corrupt or other image's memo is read again.
/// </summary>
internal sealed class BuilderImagePackages(IDockerClient client, string? memoFile)
{
    private const int Format = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <param name="labels">Labels of the short-lived container, so that one left behind by a crash is known as this build's.</param>
    public async Task<string> ReadAsync(BuiltImage image, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        if (Remembered(image.Id) is { } remembered)
            return remembered;
        var listing = await QueryAsync(image, labels, cancellationToken);
        if (memoFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(memoFile))!);
            DurableFile.WriteAllText(memoFile, JsonSerializer.Serialize(new Memo(Format, image.Id, listing), Json));
        }

        return listing;
    }

    private string? Remembered(string imageId)
    {
        if (memoFile is null)
            return null;
        try
        {
            var memo = JsonSerializer.Deserialize<Memo>(File.ReadAllText(memoFile), Json);
            return memo is { Format: Format } && memo.ImageId == imageId ? memo.Listing : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private async Task<string> QueryAsync(BuiltImage image, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var container = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image.Id,
            // The container only hosts the exec; sleep keeps it alive until it is removed.
            Cmd = ["sleep", "infinity"],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "none" },
        }, cancellationToken);
        await using var sandbox = new DockerToolSandbox(client, container.ID, new Dictionary<string, string>());
        await client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), cancellationToken);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        long exitCode;
        await using (var output = new TextWriterStream(stdout))
        await using (var errors = new TextWriterStream(stderr))
            exitCode = await client.Exec.RunAsync(container.ID, new ContainerExecCreateParameters { Cmd = [.. ToolchainPackages.Query] }, output, errors, cancellationToken);
        return exitCode == 0
            ? stdout.ToString()
            : throw new BuildException(
                $"Reading the installed packages of the builder image {image.Tag} ({image.Id}) with '{ToolchainPackages.Query[0]}' failed with exit code {exitCode}: "
                + $"{(stderr.ToString() + stdout).Trim()}. The tools' cache key names the image's compilers by their package versions, so the image must have dpkg (a Debian or Ubuntu base).");
    }

    private sealed record Memo(int Format, string ImageId, string Listing);
}
