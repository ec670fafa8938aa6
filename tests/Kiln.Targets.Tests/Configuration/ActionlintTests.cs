using Kiln.Targets.Configuration;

namespace Kiln.Targets.Tests.Configuration;

public sealed class ActionlintTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = SampleBuild.TemporaryDirectory();

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static IEnumerable<TestCaseData> Workflows()
    {
        yield return new TestCaseData(SampleBuild.BuildWorkflow(), false).SetArgDisplayNames("build");
        yield return new TestCaseData(SampleBuild.ReleaseWorkflow(), false).SetArgDisplayNames("release");
        yield return new TestCaseData(SampleBuild.ReleasingBuildWorkflow(), false).SetArgDisplayNames("build-with-tests-and-release");
        yield return new TestCaseData(SampleBuild.BuildWorkflow(), true).SetArgDisplayNames("build-with-remote-cache");
        yield return new TestCaseData(new GitHubActionsAttribute("checks")
        {
            On = [GitHubActionsTrigger.PullRequest, GitHubActionsTrigger.WorkflowDispatch],
            InvokedTargets = ["Compile"],
            ImportSecrets = ["SIGNING_KEY"],
        }, true).SetArgDisplayNames("single-job-with-remote-cache-and-a-secret");
        yield return new TestCaseData(new GitHubActionsAttribute("everything")
        {
            On = [GitHubActionsTrigger.WorkflowDispatch],
            OnPushBranches = ["main", "release/*"],
            OnPullRequestBranches = ["main"],
            InvokedTargets = ["Compile", "Dist"],
            ImportSecrets = ["SIGNING_KEY"],
            FetchDepth = 1,
            TimeoutMinutes = 30,
            PublishArtifacts = ["dist/", "bench/results/"],
            CacheKeyFiles = ["**/*.csproj"],
            PublishRelease = true,
            TestTarget = "Test",
            TestResults = [SampleBuild.TestResultsFolder, "bench/results/"],
            WritePermissions = [GitHubActionsPermission.IdToken, GitHubActionsPermission.PullRequests],
        }, false).SetArgDisplayNames("single-job-with-every-option");
        yield return new TestCaseData(new GitHubActionsAttribute("legs")
        {
            On = [GitHubActionsTrigger.Push],
            Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04-arm"],
            InvokedTargets = ["Dist"],
            PublishArtifacts = ["dist/"],
        }, false).SetArgDisplayNames("one-job-per-leg");
        yield return new TestCaseData(new GitHubActionsAttribute("uncached")
        {
            On = [GitHubActionsTrigger.PullRequest],
            Matrix = SampleBuild.ArchMatrix,
            ArchTargets = ["Tools"],
            InvokedTargets = ["Dist"],
            PublishRelease = true,
            PublishArtifacts = ["dist/"],
        }, false).SetArgDisplayNames("arch-jobs-without-a-cache");
    }

    [TestCaseSource(nameof(Workflows))]
    public void Generated_workflow_passes_actionlint(GitHubActionsAttribute workflow, bool withRemoteCache)
    {
        var file = Path.Combine(_directory, $"{workflow.Name}.yml");
        File.WriteAllText(file, WorkflowGenerator.Generate(workflow, withRemoteCache ? SampleBuild.RemoteCacheModel(workflow) : SampleBuild.Model(workflow)));

        var problems = Actionlint.Lint(file);

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Hosted_arm_runner_labels_are_known_and_a_misspelt_one_is_reported()
    {
        var file = Path.Combine(_directory, "labels.yml");
        File.WriteAllText(file, "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04-arm\n    steps:\n      - run: 'true'\n"
            + "  b:\n    runs-on: ubuntu-24.04-armm\n    steps:\n      - run: 'true'\n");

        var problems = Actionlint.Lint(file);

        Assert.That(problems.Select(problem => (problem.Line, problem.Kind)), Is.EqualTo(new[] { (8, "runner-label") }));
    }

    [Test]
    public void Actionlint_reports_a_broken_workflow()
    {
        var file = Path.Combine(_directory, "broken.yml");
        File.WriteAllText(file, "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nothing }}\n");

        var problems = Actionlint.Lint(file);

        Assert.That(problems, Is.Not.Empty);
    }
}
