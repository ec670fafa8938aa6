using Kiln.DotNet;
using Kiln.Services;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools.Host;

namespace Kiln.Components;

/// <summary>Runs every NUnit test project of the solution on a machine it prepares (<see cref="TestMachine"/>, a Docker Engine).</summary>
internal interface ITest : ICompile
{
    [Parameter("Runs only the tests this 'dotnet test --filter' expression selects")]
    string? TestFilter => ParameterValue<string?>(nameof(TestFilter), null);

    /// <summary>Longer than any fixture's one-time set-up (a cold build of every tool): only a real hang gets this far.</summary>
    TimeSpan TestHangTimeout => TimeSpan.FromMinutes(25);

    /// <summary>What the tests need installed; the Test target installs what is missing.</summary>
    IReadOnlyList<HostPrerequisite> TestMachine => [];

    Target Test => _ => _
        .Description("Runs every NUnit test project and prints 'N passed, N failed'; installs what the tests need and starts dockerd when none answers")
        .DependsOn(Compile)
        .Executes(async context =>
        {
            await new HostPrerequisites(Log) { Purpose = "The tests" }.EnsureAsync(TestMachine, context.CancellationToken);
            await using var docker = await DockerEngineService.EnsureRunningAsync(Layout.DockerLogFile, Log, context.CancellationToken);
            var run = await new TestHarness(DotNet).RunAsync(TestProjects.In(Layout.SolutionFile),
                new TestRunSettings(Configuration.ToString(), Layout.TestResultsDirectory, TestFilter, TestHangTimeout), context.CancellationToken);
            Log.WriteLine(run.Report());
            GitHubActions.FromProcess()?.AppendToStepSummary(TestRunSummaryMarkdown.Render(run.Summary, run.Problems));
            context.Note(run.ClosingLine);
            run.ThrowIfFailed();
        });
}
