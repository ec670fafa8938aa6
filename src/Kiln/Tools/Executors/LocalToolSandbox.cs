using Kiln.Processes;
namespace Kiln.Tools.Executors;

/// <summary>
/// A scratch directory on the host; commands inherit the host environment with the recipe's on top, and run behind the
/// isolation's prefix (in a network namespace of their own) when it has one.
/// </summary>
internal sealed class LocalToolSandbox(
    string recipesDirectory, string sourcesDirectory, string workDirectory, IReadOnlyDictionary<string, string> dependencyDirectories, NetworkIsolation isolation)
    : IToolSandbox
{
    public string RecipesDirectory { get; } = recipesDirectory;

    public string SourcesDirectory { get; } = sourcesDirectory;

    public string WorkDirectory { get; } = workDirectory;

    public IReadOnlyDictionary<string, string> DependencyDirectories { get; } = dependencyDirectories;

    public bool HasNetwork => !isolation.IsIsolated;

    // One pipe for both streams keeps a compiler's error next to the lines that led to it, as in a terminal.
    public Task<int> RunAsync(ToolCommand command, TextWriter log, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync([.. isolation.Prefix, "sh", "-c", "exec \"$@\" 2>&1", "sh", .. command.Arguments], command.WorkingDirectory, command.Environment, log, cancellationToken);

    public Task ExportAsync(string sandboxDirectory, string hostDirectory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(hostDirectory) || File.Exists(hostDirectory))
            throw new IOException($"Export target {hostDirectory} already exists");
        CopyTree(sandboxDirectory, hostDirectory, cancellationToken);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(WorkDirectory))
            Directory.Delete(WorkDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }

    // File.Copy keeps the Unix mode, so executables stay executable.
    private static void CopyTree(string from, string to, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is not null)
                File.CreateSymbolicLink(target, entry.LinkTarget);
            else if (entry is DirectoryInfo)
                CopyTree(entry.FullName, target, cancellationToken);
            else
                File.Copy(entry.FullName, target);
        }
    }
}
