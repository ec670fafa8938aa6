using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Tools.Executors;

namespace Kiln.Docker;

/// <summary>One architecture's tools container; disposing force-removes it, also after a failure or cancellation.</summary>
internal sealed class DockerToolSandbox(IDockerClient client, string containerId, IReadOnlyDictionary<string, string> dependencyDirectories, bool hasNetwork = false) : IToolSandbox
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(30);

    private bool removed;

    internal string ContainerId { get; } = containerId;

    public string RecipesDirectory => DockerToolExecutor.RecipesPath;

    public string SourcesDirectory => DockerToolExecutor.SourcesPath;

    public string WorkDirectory => DockerToolExecutor.WorkPath;

    public IReadOnlyDictionary<string, string> DependencyDirectories { get; } = dependencyDirectories;

    public bool HasNetwork { get; } = hasNetwork;

    public async Task<int> RunAsync(ToolCommand command, TextWriter log, CancellationToken cancellationToken)
    {
        var exec = new ContainerExecCreateParameters
        {
            Cmd = [.. command.Arguments],
            Env = [.. command.Environment.Select(variable => variable.Key + "=" + variable.Value)],
            WorkingDir = command.WorkingDirectory,
        };
        // Separate decoders per stream: a UTF-8 character split across two frames of one stream stays whole.
        await using var stdout = new TextWriterStream(log);
        await using var stderr = new TextWriterStream(log);
        var exitCode = await client.Exec.RunAsync(ContainerId, exec, stdout, stderr, cancellationToken);
        return checked((int)exitCode);
    }

    public async Task ExportAsync(string sandboxDirectory, string hostDirectory, CancellationToken cancellationToken)
    {
        var source = sandboxDirectory.TrimEnd('/');
        if (!source.StartsWith(WorkDirectory + "/", StringComparison.Ordinal) || source.Split('/').Contains(".."))
            throw new ArgumentException($"'{sandboxDirectory}' is not a directory under the sandbox's {WorkDirectory}", nameof(sandboxDirectory));
        var destination = Path.GetFullPath(hostDirectory);
        if (Directory.Exists(destination) || File.Exists(destination))
            throw new IOException($"export destination '{destination}' already exists");
        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        // Extract beside the destination and rename at the end: a failed copy never leaves a half-filled destination.
        var staging = Directory.CreateDirectory(Path.Combine(parent, $".kiln-export-{Guid.NewGuid():N}"));
        try
        {
            var archive = await client.Containers.GetArchiveFromContainerAsync(
                ContainerId, new ContainerPathStatParameters { Path = source }, statOnly: false, cancellationToken);
            // The library's chunked response stream fails the zero-byte reads TarReader makes between entries,
            // so the archive is spooled to a file first and extracted from there.
            await using (var spool = new FileStream(
                staging.FullName + ".tar", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose))
            {
                await using (var tar = archive.Stream ?? throw new IOException($"no archive of '{source}' came back from container {ContainerId[..12]}"))
                    await tar.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
                await TarFile.ExtractToDirectoryAsync(spool, staging.FullName, overwriteFiles: false, cancellationToken);
            }
            var extracted = Path.Combine(staging.FullName, Path.GetFileName(source));
            if (!Directory.Exists(extracted))
                throw new IOException($"'{sandboxDirectory}' in container {ContainerId[..12]} is not a directory");
            Directory.Move(extracted, destination);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (removed)
            return;
        removed = true;
        // The caller's token may already be cancelled (Ctrl-C): removal gets its own bounded time.
        using var timeout = new CancellationTokenSource(RemovalTimeout);
        try
        {
            await client.Containers.RemoveContainerAsync(ContainerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: the goal of disposing is reached.
        }
    }
}
