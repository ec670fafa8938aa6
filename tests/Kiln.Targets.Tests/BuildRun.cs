using Kiln.Targets.Execution;

namespace Kiln.Targets.Tests;

/// <summary>Runs a test build through the real host with captured output and a throwaway root directory.</summary>
internal static class BuildRun
{
    public static (int ExitCode, string Output) Run(KilnBuild build, Func<KilnBuild, Target> defaultTarget, params string[] args) =>
        Run(build, defaultTarget, new Dictionary<string, string>(), args);

    public static (int ExitCode, string Output) Run(KilnBuild build, Func<KilnBuild, Target> defaultTarget,
        IReadOnlyDictionary<string, string> environment, string[] args, CancellationToken cancellationToken = default,
        string? root = null)
    {
        root ??= NewRoot();
        var output = new StringWriter();
        var context = new BuildHostContext(args, environment, output, Interactive: false, root);
        var exitCode = BuildHost.RunAsync(build, defaultTarget, context, cancellationToken).GetAwaiter().GetResult();
        return (exitCode, output.ToString());
    }

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "kiln-targets-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        return root;
    }
}
