using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Tools;

namespace Kiln.Docker;

/// <summary>
/// Runs tool recipes inside the builder image: one long-lived container per architecture, recipes and sources
/// bind-mounted read-only, scratch space in the container's own filesystem, results copied out through the
/// archive endpoint so nothing on the host ends up owned by the container's root.
/// </summary>
internal sealed class DockerToolExecutor(IDockerClient client, string builderImage) : IToolExecutor
{
    internal const string RecipesPath = "/kiln/tools";
    internal const string SourcesPath = "/kiln/sources";
    internal const string WorkPath = "/kiln/work";

    public string Name => "docker";

    /// <summary>The builder image id: it fixes every compiler, native and cross, so it is the same for each arch.</summary>
    public async Task<string> DescribeToolchainAsync(string arch, CancellationToken cancellationToken) =>
        (await client.Images.InspectImageAsync(builderImage, cancellationToken)).ID;

    public async Task<IToolSandbox> OpenAsync(ToolSandboxSpec spec, CancellationToken cancellationToken)
    {
        var recipes = ExistingDirectory(spec.RecipesDirectory, nameof(spec.RecipesDirectory));
        var sources = ExistingDirectory(spec.SourcesDirectory, nameof(spec.SourcesDirectory));
        var container = new CreateContainerParameters
        {
            Image = builderImage,
            Name = $"kiln-tools-{spec.Arch}-{Guid.NewGuid():N}"[..32],
            // The container only hosts execs; sleep keeps it alive until the sandbox removes it.
            Cmd = ["sleep", "infinity"],
            WorkingDir = WorkPath,
            Labels = new Dictionary<string, string> { ["kiln.sandbox"] = "tools", ["kiln.arch"] = spec.Arch },
            HostConfig = new HostConfig
            {
                Binds = [$"{recipes}:{RecipesPath}:ro", $"{sources}:{SourcesPath}:ro"],
                NetworkMode = "host",
            },
        };
        string id;
        try
        {
            id = (await client.Containers.CreateContainerAsync(container, cancellationToken)).ID;
        }
        catch (OperationCanceledException)
        {
            // The daemon may have created the container before the cancellation reached it; its name finds it.
            await new DockerToolSandbox(client, container.Name).DisposeAsync();
            throw;
        }
        var sandbox = new DockerToolSandbox(client, id);
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken);
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
        return sandbox;
    }

    /// <summary>
    /// Docker creates a missing bind source as an empty root-owned directory, which would hide a wrong path
    /// behind a confusing build failure; refuse it up front instead.
    /// </summary>
    private static string ExistingDirectory(string path, string role)
    {
        var fullPath = Path.GetFullPath(path);
        return Directory.Exists(fullPath)
            ? fullPath
            : throw new DirectoryNotFoundException($"{role} '{fullPath}' does not exist; it cannot be mounted into the tools container");
    }
}
