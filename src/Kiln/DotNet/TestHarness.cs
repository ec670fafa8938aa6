using System.Diagnostics;

namespace Kiln.DotNet;

/// <summary>
/// Runs test projects one <c>dotnet test</c> each, so a project that crashes, hangs or reports fewer results than it
/// has tests is named, never silently dropped from the count.
/// </summary>
internal sealed class TestHarness(DotNetCli dotnet)
{
    public async Task<TestRun> RunAsync(IReadOnlyList<string> projects, TestRunSettings settings, CancellationToken cancellationToken)
    {
        if (Directory.Exists(settings.ResultsDirectory))
            Directory.Delete(settings.ResultsDirectory, recursive: true);
        using var lanes = new SemaphoreSlim(settings.Parallelism);
        var runs = projects.Select(async project =>
        {
            await lanes.WaitAsync(cancellationToken);
            try
            {
                return await RunProjectAsync(project, settings, cancellationToken);
            }
            finally
            {
                lanes.Release();
            }
        }).ToList();
        return new TestRun(await Task.WhenAll(runs));
    }

    private async Task<TestProjectRun> RunProjectAsync(string project, TestRunSettings settings, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        var stopwatch = Stopwatch.StartNew();
        var listed = settings.Filter is null ? await dotnet.ListTestsAsync(project, settings.Configuration, cancellationToken) : null;
        var resultsDirectory = Path.Combine(settings.ResultsDirectory, name);
        var trx = Path.Combine(resultsDirectory, name + ".trx");
        var exitCode = await dotnet.TestAsync(project, settings, resultsDirectory, Path.GetFileName(trx), cancellationToken);
        return new TestProjectRun(name, exitCode, listed, File.Exists(trx) ? TrxFile.Read(trx) : null, stopwatch.Elapsed);
    }
}
