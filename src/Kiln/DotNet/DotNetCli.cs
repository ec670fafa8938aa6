using Kiln.Processes;
using Kiln.Targets;

namespace Kiln.DotNet;

/// <summary>The <c>dotnet</c> commands the build runs, quiet unless something goes wrong.</summary>
internal sealed class DotNetCli(string rootDirectory, TextWriter log)
{
    public Task RestoreAsync(string project, CancellationToken cancellationToken) =>
        Run(["restore", project, "--nologo", "-v", "q"], cancellationToken);

    public Task BuildAsync(string project, string configuration, CancellationToken cancellationToken) =>
        Run(["build", project, "--no-restore", "--nologo", "-v", "q", "-c", configuration, "-clp:NoSummary"], cancellationToken);

    /// <summary>Runs every test project and returns the counts read from the TRX files it wrote.</summary>
    public async Task<TestRunSummary> TestAsync(string project, string configuration, string resultsDirectory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(resultsDirectory))
            Directory.Delete(resultsDirectory, recursive: true);
        var exitCode = await RunAsync(["test", project, "--no-build", "--nologo", "-c", configuration,
                "--logger", "trx", "--logger", "console;verbosity=minimal", "--results-directory", resultsDirectory], cancellationToken);
        var trx = Directory.Exists(resultsDirectory)
            ? Directory.GetFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories)
            : [];
        if (trx.Length == 0)
            throw new BuildException($"'dotnet test' exited with code {exitCode} and wrote no test results to {resultsDirectory}.");
        return TestRunSummary.FromTrxFiles(trx);
    }

    public Task PublishAsync(string project, string configuration, string outputDirectory, IReadOnlyList<string> properties,
        CancellationToken cancellationToken) =>
        Run(["publish", project, "--nologo", "-v", "q", "-c", configuration, "-o", outputDirectory,
            ..properties.Select(p => $"-p:{p}")], cancellationToken);

    /// <summary>The SDK global.json selects in the repository, as <c>dotnet --version</c> prints it.</summary>
    public async Task<string> SdkVersionAsync(CancellationToken cancellationToken) =>
        (await ProcessRunner.CaptureAsync(["dotnet", "--version"], rootDirectory, cancellationToken)).Trim();

    private static readonly Dictionary<string, string> Quiet = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

    private async Task Run(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var exitCode = await RunAsync(arguments, cancellationToken);
        if (exitCode != 0)
            throw new BuildException($"'dotnet {string.Join(' ', arguments)}' exited with code {exitCode}.");
    }

    private Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(["dotnet", .. arguments], rootDirectory, Quiet, log, cancellationToken);
}
