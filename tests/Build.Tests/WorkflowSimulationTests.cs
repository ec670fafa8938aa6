using Kiln.Testing;
using System.Diagnostics;
using Build.Tests.Workflows;

namespace Build.Tests;

/// <summary>
/// The committed <c>build.yml</c>, executed: every job leg in a fresh clone of a copy of the repository, on this x86_64
/// host standing in for every runner, the cache and artifact actions played with folders. A pushed version tag, twice:
/// a cold run that compiles and saves each arch's tools, then a warm run that must restore them and compile nothing.
/// The smallest tool set (<c>TOOLS=stress</c>) and the host executor keep it to a few minutes. The test job runs the real
/// <c>./build.sh Test</c>, in the cold run only (the warm run takes it as passed) and with a test filter that selects two
/// fast unit tests: the whole suite would include this simulation again. The copy's solution holds only the test project
/// of those two tests, so the job's Compile builds what it runs and nothing more.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up plays two whole workflow runs, one compiling stress for each arch")]
[Order(4)]
public class WorkflowSimulationTests
{
    private const string Tag = "refs/tags/v1.2.3";
    private static readonly string[] ArchLegs = ["Tools (x86_64)", "Tools (aarch64)"];

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["TOOLS"] = "stress",
        ["EXECUTOR"] = "local",
        ["KILN_TEST_FILTER"] = $"FullyQualifiedName~{SelectedTests}.The_host_is_detected|FullyQualifiedName~{SelectedTests}.Error_escapes",
    };

    private const string SelectedTests = "Kiln.Targets.Tests.CI.GitHubActionsTests";

    private const string OneTestProjectSolution = """
        <Solution>
          <Project Path="src/Kiln.Targets/Kiln.Targets.csproj" />
          <Project Path="tests/Kiln.Targets.Tests/Kiln.Targets.Tests.csproj" />
        </Solution>
        """;

    private RepositoryCopy _repository = null!;
    private string _state = "";
    private WorkflowSimulator _simulator = null!;
    private RunRecord _cold = null!;
    private RunRecord _warm = null!;
    private IReadOnlyList<string> _keysAfterCold = [];

    [OneTimeSetUp]
    public void RunTheWorkflowColdThenWarm()
    {
        _repository = RepositoryCopy.Create("workflow");
        File.WriteAllText(_repository.PathOf("Kiln.slnx"), OneTestProjectSolution);
        _repository.Commit("the solution of the selected tests' project");
        _state = Path.Combine(Path.GetTempPath(), "kiln-e2e", $"workflow-state-{Guid.NewGuid():N}"[..23]);
        Directory.CreateDirectory(_state);
        _simulator = new WorkflowSimulator(_repository.PathOf(".github/workflows/build.yml"), _repository.Root, _state, Environment);

        var stopwatch = Stopwatch.StartNew();
        _cold = _simulator.Run(new RunContext(1, Tag, Path.Combine(_state, "released", "run-1")));
        var cold = stopwatch.Elapsed;
        _keysAfterCold = _simulator.Actions.CacheKeys();
        _warm = _simulator.Run(new RunContext(2, Tag, Path.Combine(_state, "released", "run-2"), JobsTakenAsPassed: new HashSet<string> { "test" }));
        TestContext.Progress.WriteLine($"workflow simulation: cold run {cold.TotalSeconds:0.0}s (its test job {_cold.Job("test").Duration.TotalSeconds:0.0}s), "
            + $"warm run {(stopwatch.Elapsed - cold).TotalSeconds:0.0}s");
    }

    [OneTimeTearDown]
    public void DeleteCopies()
    {
        _repository.Dispose();
        if (Directory.Exists(_state))
            Directory.Delete(_state, recursive: true);
    }

    [Test, Order(1)]
    public void Every_job_of_both_runs_succeeds_in_needs_order()
    {
        foreach (var run in new[] { _cold, _warm })
        {
            Assert.That(run.Jobs.Select(job => job.DisplayName), Is.EqualTo(new[] { "Tools (x86_64)", "Tools (aarch64)", "build", "test", "release" }));
            Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        }
    }

    [Test, Order(2)]
    public void A_cold_run_compiles_each_arch_in_its_own_leg_and_saves_one_entry_per_arch()
    {
        foreach (var leg in ArchLegs.Select(_cold.Job))
        {
            Assert.That(leg.Step("cache").Outputs.GetValueOrDefault("cache-hit", ""), Is.Empty, leg.ToString());
            Assert.That(leg.Step("arch-targets").Run, Does.Not.Contain("--require-tools-cache-hit"));
            Assert.That(leg.Step("Save the tools cache").Outcome, Is.EqualTo("success"), leg.ToString());
        }

        Assert.That(_keysAfterCold, Has.Count.EqualTo(2));
        Assert.That(_keysAfterCold, Has.One.Match("^tools-x86_64-[0-9a-f]{16,}$").And.One.Match("^tools-aarch64-[0-9a-f]{16,}$"));
    }

    [Test, Order(3)]
    public void The_assembling_job_restores_exactly_the_entries_the_arch_legs_saved()
    {
        var restores = _cold.Job("build").Steps.Where(step => step.Name.StartsWith("Restore the tools cache", StringComparison.Ordinal)).ToList();

        Assert.That(restores.Select(step => step.Outcome), Is.EqualTo(new[] { "success", "success" }));
        Assert.That(restores.Select(step => step.Log.Trim()), Is.EquivalentTo(_keysAfterCold.Select(key => $"Cache restored from key: {key}")));
        Assert.That(_cold.Job("build").Step("Run Dist").Run, Does.EndWith("--require-tools-cache-hit"));
    }

    [Test, Order(4)]
    public void Each_release_holds_both_arch_archives_and_sha256sum_verifies_it()
    {
        foreach (var run in new[] { _cold, _warm })
        {
            var released = Directory.GetFiles(run.ReleaseDirectory).Select(Path.GetFileName).ToList();
            var check = RepositoryCopy.Run("sha256sum", ["-c", "SHA256SUMS"], run.ReleaseDirectory);

            Assert.That(released, Is.SupersetOf(new[] { "sysreport.tgz", "sysreport-aarch64.tgz", "oss_source.tgz", "manifest.json", "SHA256SUMS" }));
            Assert.That(check.ExitCode, Is.Zero, check.All);
            Assert.That(check.Output, Does.Contain("sysreport.tgz: OK").And.Contain("sysreport-aarch64.tgz: OK"));
        }
    }

    [Test, Order(5)]
    public void A_warm_run_restores_every_arch_entry_and_its_legs_may_not_compile()
    {
        foreach (var leg in ArchLegs.Select(_warm.Job))
        {
            Assert.That(leg.Step("cache").Outputs["cache-hit"], Is.EqualTo("true"), leg.ToString());
            Assert.That(leg.Step("arch-targets").Run, Does.EndWith(" --require-tools-cache-hit"));
            Assert.That(leg.Step("arch-targets").Outcome, Is.EqualTo("success"), leg.ToString());
            Assert.That(leg.Step("Save the tools cache").Outcome, Is.EqualTo("skipped"));
        }

        Assert.That(_simulator.Actions.CacheKeys(), Is.EqualTo(_keysAfterCold));
    }

    [Test, Order(6)]
    public void The_test_job_runs_the_selected_tests_and_its_summary_page_shows_the_counts_and_the_target_table()
    {
        var test = _cold.Job("test");

        Assert.That(test.Result, Is.EqualTo("success"), test.ToString());
        Assert.That(test.Summary, Does.Contain("### Tests\n\n| Passed | Failed | Skipped |\n|---:|---:|---:|\n| 2 | 0 | 0 |\n"), test.ToString());
        Assert.That(test.Summary, Does.Contain("### Test: Build succeeded in ").And.Match(@"\| Test \| Succeeded \| "));
        Assert.That(_simulator.Actions.ArtifactFiles(runId: 1, "test-results"), Has.Some.EndsWith(".trx"));
        Assert.That(_warm.Job("test").TakenAsPassed, Is.True);
    }

    [Test, Order(7)]
    public void Every_job_that_runs_targets_shows_their_summary_table_on_its_summary_page()
    {
        Assert.That(_cold.Job("Tools (aarch64)").Summary, Does.Contain("### Tools: Build succeeded in ").And.Contain("| Tools | Succeeded |"));
        Assert.That(_cold.Job("build").Summary, Does.Contain("### Dist: Build succeeded in ").And.Match(@"\| Dist \| Succeeded \| "));
    }
}
