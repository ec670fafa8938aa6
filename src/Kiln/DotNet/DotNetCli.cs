using Kiln.Processes;
using Kiln.Targets.Foundation;

namespace Kiln.DotNet;

/// <summary>The <c>dotnet</c> commands the build runs, quiet unless something goes wrong.</summary>
internal sealed class DotNetCli(string rootDirectory, TextWriter log)
{
    // Test projects run side by side and write here line by line.
    private readonly TextWriter _log = TextWriter.Synchronized(log);

    public Task RestoreAsync(string project, CancellationToken cancellationToken) =>
        Run(["restore", project, "--nologo", "-v", "q"], cancellationToken);

    public Task BuildAsync(string project, string configuration, CancellationToken cancellationToken) =>
        Run(["build", project, "--no-restore", "--nologo", "-v", "q", "-c", configuration, "-clp:NoSummary"], cancellationToken);

    /// <summary>Runs one test project, its results in one named TRX file; returns <c>dotnet test</c>'s exit code.</summary>
    public Task<int> TestAsync(string project, TestRunSettings settings, string resultsDirectory, string trxFileName,
        CancellationToken cancellationToken) =>
        RunAsync(["test", project, "--no-build", "--nologo", "-c", settings.Configuration,
            "--logger", $"trx;LogFileName={trxFileName}", "--logger", "console;verbosity=minimal", "--results-directory", resultsDirectory,
            "--blame-hang-timeout", $"{settings.HangTimeout.TotalMinutes:0}m", "--blame-hang-dump-type", "none",
            .. settings.Filter is null ? Array.Empty<string>() : ["--filter", settings.Filter]], cancellationToken);

    /// <summary>The tests of a built test project, by the names <c>dotnet test --list-tests</c> and TRX files give them.</summary>
    public async Task<IReadOnlyList<string>> ListTestsAsync(string project, string configuration, CancellationToken cancellationToken)
    {
        var listing = new StringWriter();
        var exitCode = await ProcessRunner.RunAsync(["dotnet", "test", project, "--no-build", "--nologo", "-c", configuration, "--list-tests"],
            rootDirectory, Quiet, listing, cancellationToken);
        var lines = listing.ToString().Split('\n');
        var header = Array.FindIndex(lines, line => line.StartsWith("The following Tests are available", StringComparison.Ordinal));
        if (exitCode != 0 || header < 0)
            throw new BuildException($"Cannot list the tests of {project} ('dotnet test --list-tests' exited with code {exitCode}):{Environment.NewLine}{listing}");
        return lines.Skip(header + 1).Where(line => line.StartsWith("    ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
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
        ProcessRunner.RunAsync(["dotnet", .. arguments], rootDirectory, Quiet, _log, cancellationToken);
}
