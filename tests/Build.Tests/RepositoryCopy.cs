using System.Diagnostics;

namespace Build.Tests;

/// <summary>
/// A copy of the working tree (tracked and untracked, not ignored files) in a temp directory, so end-to-end tests run
/// <c>build.sh</c> the way a fresh clone would, without touching the developer's tree.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    /// <param name="shared">
    /// What the copy gets of the run's shared outputs. Tests whose subject is compiling the build project or publishing
    /// the program leave that out, and the copy makes it as a fresh clone does.
    /// </param>
    public static RepositoryCopy Create(string name, SharedOutputs shared = SharedOutputs.All)
    {
        var source = FindRepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "kiln-e2e", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(root);
        var files = Git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], source).Output
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        foreach (var file in files)
        {
            var from = Path.Combine(source, file);
            if (!File.Exists(from))
                continue;
            var to = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }

        Git(["init", "-q"], root);
        var copy = new RepositoryCopy(root);
        copy.Commit("snapshot");
        if (shared.HasFlag(SharedOutputs.BuildProject))
            ShareCompiledBuildProject(source, root);
        if (shared.HasFlag(SharedOutputs.PublishedProgram))
            SharePublishedProgram(PublishedProgram.Published().Root, root);
        return copy;
    }

    /// <summary>Commits every change of the working tree, at a fixed date: the same files give the same commit.</summary>
    public void Commit(string message)
    {
        Git(["add", "-A"], Root);
        Git(["-c", "user.name=Kiln Tests", "-c", "user.email=tests@kiln.invalid", "commit", "-q", "-m", message,
            "--date", "2026-01-01T00:00:00Z"], Root, new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z" });
    }

    /// <summary>Gives <paramref name="to"/> whichever of the run's shared outputs <paramref name="from"/> has.</summary>
    public static void ShareOutputs(string from, string to)
    {
        ShareCompiledBuildProject(from, to);
        SharePublishedProgram(from, to);
    }

    /// <summary>
    /// Gives <paramref name="to"/> the program <paramref name="from"/> published, with the stamps the build compares
    /// before it reuses a publish.
    /// </summary>
    public static void SharePublishedProgram(string from, string to)
    {
        var published = Path.Combine(from, ".build", "publish");
        if (!Directory.Exists(published))
            return;
        var copied = Run("cp", ["-a", published, Directory.CreateDirectory(Path.Combine(to, ".build")).FullName], from);
        Assert.That(copied.ExitCode, Is.Zero, copied.All);
    }

    /// <summary>
    /// Gives <paramref name="to"/> the build project <paramref name="from"/> compiled, with its stamp: build.sh compares the
    /// stamp, a digest of the build project's inputs, with the copy's own and recompiles when they differ, so a copy with
    /// other sources never runs a build project compiled from these. One compile then serves every copy and clone of a run.
    /// </summary>
    public static void ShareCompiledBuildProject(string from, string to)
    {
        var compiled = Path.Combine(from, ".nuke", "temp", "build");
        var stamp = Path.Combine(from, ".nuke", "temp", "build.stamp");
        if (!File.Exists(stamp) || !File.Exists(Path.Combine(compiled, "_build.dll")))
            return;
        var temp = Directory.CreateDirectory(Path.Combine(to, ".nuke", "temp")).FullName;
        // The stamp last: an interrupted copy must not claim a build project it lacks.
        var copied = Run("cp", ["-a", compiled, stamp, temp], from);
        Assert.That(copied.ExitCode, Is.Zero, copied.All);
    }

    /// <summary>A git command the copy cannot do without: an empty listing or a missing commit would make every test of it mean nothing.</summary>
    private static ProcessResult Git(IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Run("git", args, workingDirectory, environment);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"git {string.Join(' ', args)} in {workingDirectory} failed with exit code {result.ExitCode}: {result.All}");
    }

    /// <summary>Runs <c>./build.sh</c> with the arguments and returns its exit code and combined output.</summary>
    public ProcessResult BuildSh(params string[] args) => BuildSh(new Dictionary<string, string>(), args);

    public ProcessResult BuildSh(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(Path.Combine(Root, "build.sh"), args, Root, environment);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test for.
        }
    }

    public static ProcessResult Run(string file, IReadOnlyList<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        PrepareEnvironment(info);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// The environment of a process a test starts: the test host's own variables must not leak into the build under test
    /// (its root, and the CI markers, with which the build would check generated files instead of repairing them and report
    /// to a CI host that is not there; a test about CI behaviour sets them itself), and its compiles use the run's
    /// <see cref="CompilerServer"/>.
    /// </summary>
    public static void PrepareEnvironment(ProcessStartInfo info)
    {
        foreach (var name in new[] { "KILN_ROOT_DIRECTORY", "GITHUB_ACTIONS", "CI" })
            info.Environment.Remove(name);
        CompilerServer.ShareWith(info);
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (build.sh and .nuke/) was not found above the test assembly.");
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}
