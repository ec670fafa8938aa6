using System.Formats.Tar;
using Kiln.Tools;

namespace Kiln.Docker;

/// <summary>One architecture's tools container; disposing force-removes it, also after a failure or cancellation.</summary>
internal sealed class DockerToolSandbox(DockerClient client, string containerId) : IToolSandbox
{
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(30);

    private bool removed;

    internal string ContainerId { get; } = containerId;

    public string RecipesDirectory => DockerToolExecutor.RecipesPath;

    public string SourcesDirectory => DockerToolExecutor.SourcesPath;

    public string WorkDirectory => DockerToolExecutor.WorkPath;

    public async Task<int> RunAsync(ToolCommand command, TextWriter log, CancellationToken cancellationToken)
    {
        var exec = new ExecSpec(command.Arguments) { Env = command.Environment, WorkingDir = command.WorkingDirectory };
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
            await using (var tar = await client.Containers.GetArchiveAsync(ContainerId, source, cancellationToken))
                await TarFile.ExtractToDirectoryAsync(tar, staging.FullName, overwriteFiles: false, cancellationToken);
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
            await client.Containers.RemoveAsync(ContainerId, force: true, timeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: the goal of disposing is reached.
        }
    }
}
