namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s test job, executed against a stand-in <c>build.sh</c>: the release waits for the tests,
/// a failed test run stops it, and the results are uploaded and summarised whatever the outcome. The real Test target runs
/// in <see cref="WorkflowSimulationTests"/>.
/// </summary>
public class WorkflowTestJobTests
{
    private StandInWorkflow _workflow = null!;

    [SetUp]
    public void CreateStandInRepository() => _workflow = new StandInWorkflow();

    [TearDown]
    public void DeleteRepository() => _workflow.Dispose();

    [Test]
    public void Failed_tests_stop_the_release_though_the_build_succeeded_and_their_results_are_uploaded_and_summarised()
    {
        var run = _workflow.Run(1, new Dictionary<string, string> { ["FAIL_TESTS"] = "true" });
        var test = run.Job("test");

        Assert.That(test.Result, Is.EqualTo("failure"), run.ToString());
        Assert.That(test.Step("Upload the test results").Outcome, Is.EqualTo("success"), test.ToString());
        Assert.That(_workflow.Actions.ArtifactFiles(runId: 1, "test-results"), Is.EqualTo(new[] { "stand-in.trx" }));
        Assert.That(test.Summary, Does.Contain("### Tests: 1 failed"));
        Assert.That(run.Job("build").Result, Is.EqualTo("success"), run.ToString());
        Assert.That(run.Job("release").Result, Is.EqualTo("skipped"));
        Assert.That(Directory.Exists(run.ReleaseDirectory), Is.False);
    }

    [Test]
    public void Passing_tests_let_the_release_run_after_them()
    {
        var run = _workflow.Run(1);
        var order = run.Jobs.Select(job => job.DisplayName).ToList();

        Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        Assert.That(order.IndexOf("test"), Is.LessThan(order.IndexOf("release")));
        Assert.That(Directory.GetFiles(run.ReleaseDirectory), Is.Not.Empty);
    }
}
