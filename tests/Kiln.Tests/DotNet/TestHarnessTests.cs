using Kiln.DotNet;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.DotNet;

/// <summary>
/// The harness behind <c>./build.sh Test</c> against a real test project: a crashed or hung test host fails the run
/// naming the project (and the hung test), never drops its tests from the count.
/// </summary>
[NonParallelizable]
public class TestHarnessTests
{
    private SyntheticTestProject _project = null!;

    [OneTimeSetUp]
    public void BuildTheSyntheticProject() => _project = SyntheticTestProject.Build();

    [OneTimeTearDown]
    public void DeleteIt() => _project.Dispose();

    [Test]
    public async Task A_project_whose_tests_all_pass_counts_every_listed_test()
    {
        var run = await RunAsync(behaviour: null);

        Assert.That(run.Problems, Is.Empty);
        Assert.That(run.ClosingLine, Is.EqualTo($"{SyntheticTestProject.TestCount} passed, 0 failed, 0 skipped"));
        Assert.DoesNotThrow(run.ThrowIfFailed);
    }

    [Test]
    public async Task A_crashed_test_host_fails_the_run_naming_the_project_and_its_last_words()
    {
        var run = await RunAsync("crash");

        Assert.That(run.Problems, Has.One.Contains(SyntheticTestProject.Name).And.Contains("never ran or never reported")
            .And.Contains("the synthetic test host crashed"));
        Assert.That(run.ClosingLine, Does.Not.Contain(" 0 failed"));
        Assert.That(Assert.Throws<BuildException>(run.ThrowIfFailed)!.Message, Does.Contain(SyntheticTestProject.Name));
    }

    [Test]
    public async Task A_test_that_hangs_past_its_time_limit_fails_the_run_naming_the_test_and_what_it_waited_for()
    {
        var run = await RunAsync("hang");

        Assert.That(run.Problems, Has.One.Contains(SyntheticTestProject.Name)
            .And.Contains("Synthetic.SyntheticTests.Hangs_when_asked ran past its time limit of 5 s").And.Contains("sleep 600"));
        Assert.Throws<BuildException>(run.ThrowIfFailed);
    }

    [Test]
    public async Task A_failed_test_is_counted_and_named_without_a_harness_problem()
    {
        var run = await RunAsync("fail");

        Assert.That(run.Problems, Is.Empty);
        Assert.That(run.Summary.FailedTests, Is.EqualTo(new[] { "Fails_when_asked" }));
        Assert.That(Assert.Throws<BuildException>(run.ThrowIfFailed)!.Message, Does.Contain("Fails_when_asked"));
    }

    [Test]
    public async Task A_filter_runs_only_what_it_selects_and_is_not_taken_for_lost_tests()
    {
        var run = await RunAsync(behaviour: null, filter: "Name=Passes");

        Assert.That(run.Problems, Is.Empty);
        Assert.That(run.ClosingLine, Is.EqualTo("1 passed, 0 failed, 0 skipped"));
    }

    private async Task<TestRun> RunAsync(string? behaviour, string? filter = null)
    {
        var settings = new TestRunSettings("Release", Path.Combine(_project.Directory, "results"), filter, TimeSpan.FromMinutes(5));
        Environment.SetEnvironmentVariable(SyntheticTestProject.Behaviour, behaviour);
        try
        {
            return await new TestHarness(new DotNetCli(_project.Directory, TextWriter.Null)).RunAsync([_project.Project], settings, CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SyntheticTestProject.Behaviour, null);
        }
    }
}
