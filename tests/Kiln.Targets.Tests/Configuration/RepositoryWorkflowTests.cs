using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>The workflows this repository commits, generated from build/Build.cs, as GitHub will read them.</summary>
public class RepositoryWorkflowTests
{
    private static string[] CommittedWorkflows() =>
        Directory.GetFiles(Path.Combine(Actionlint.RepositoryRoot(), ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void The_repository_commits_one_workflow_whose_build_is_also_the_release()
    {
        var workflows = CommittedWorkflows();
        var text = File.ReadAllText(workflows.Single());

        Assert.That(workflows.Select(Path.GetFileName), Is.EqualTo(new[] { "build.yml" }));
        Assert.That(text, Does.Contain("if: startsWith(github.ref, 'refs/tags/v')").And.Contain("softprops/action-gh-release@"));
    }

    [Test]
    public void The_committed_workflow_tests_every_push_and_pull_request_and_releases_only_after_the_tests_passed()
    {
        var workflow = new WorkflowDocument(File.ReadAllText(CommittedWorkflows().Single()));

        var test = workflow.Job("test");
        var upload = workflow.Steps("test").Single(step => WorkflowDocument.Scalar(step, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        var releaseNeeds = ((YamlSequenceNode)workflow.Job("release")["needs"]).Children.Select(job => ((YamlScalarNode)job).Value);

        Assert.That(WorkflowDocument.Mapping(workflow.Root, "on").Children.Keys.Select(key => key.ToString()), Is.EqualTo(new[] { "push", "pull_request" }));
        Assert.That(test.Children.ContainsKey("if"), Is.False);
        Assert.That(WorkflowDocument.Scalar(test, "runs-on"), Is.EqualTo(WorkflowDocument.Scalar(workflow.Job("build"), "runs-on")));
        Assert.That(workflow.Steps("test").Select(step => WorkflowDocument.Scalar(step, "run")).OfType<string>(), Is.EqualTo(new[] { "./build.sh Test" }));
        Assert.That(WorkflowDocument.Scalar(upload, "if"), Is.EqualTo("always()"));
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(upload, "with"), "path"), Is.EqualTo(".nuke/temp/test-results"));
        Assert.That(releaseNeeds, Does.Contain("test"));
    }

    [Test]
    public void Every_committed_workflow_passes_actionlint_with_no_problem()
    {
        var problems = Actionlint.Lint(CommittedWorkflows());

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void The_committed_workflow_gives_both_target_steps_the_remote_cache_and_the_write_credentials_only_to_trusted_runs()
    {
        var workflow = new WorkflowDocument(File.ReadAllText(CommittedWorkflows().Single()));

        var steps = new[] { workflow.Step("arch", "arch-targets"), workflow.Steps("build").Single(step => WorkflowDocument.Scalar(step, "name") == "Run Dist") };
        var environments = steps.Select(step => WorkflowDocument.Mapping(step, "env"));

        const string trusted = "${{ github.event_name == 'push' && (github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || startsWith(github.ref, 'refs/tags/v')) && ";
        foreach (var environment in environments)
        {
            Assert.That(WorkflowDocument.Scalar(environment, "KILN_REMOTE_CACHE"), Is.EqualTo("${{ vars.KILN_REMOTE_CACHE }}"));
            Assert.That(WorkflowDocument.Scalar(environment, "KILN_REMOTE_CACHE_READ_TOKEN"), Is.EqualTo("${{ secrets.KILN_REMOTE_CACHE_READ_TOKEN }}"));
            Assert.That(WorkflowDocument.Scalar(environment, "KILN_REMOTE_CACHE_TOKEN"), Is.EqualTo(trusted + "secrets.KILN_REMOTE_CACHE_TOKEN || '' }}"));
            Assert.That(WorkflowDocument.Scalar(environment, "KILN_SIGNING_KEY"), Is.EqualTo(trusted + "secrets.KILN_SIGNING_KEY || '' }}"));
            Assert.That(WorkflowDocument.Scalar(environment, "KILN_REMOTE_CACHE_MODE"), Is.EqualTo(trusted + "'read-write' || 'read' }}"));
            Assert.That(environment.Children.ContainsKey("KILN_REMOTE_CACHE_SIGNING_KEY"), Is.False);
        }
    }

    [Test]
    public void The_committed_release_job_attests_what_it_attaches_and_alone_may_take_an_id_token()
    {
        var workflow = new WorkflowDocument(File.ReadAllText(CommittedWorkflows().Single()));

        var release = workflow.Job("release");

        Assert.That(workflow.Steps("release").Select(step => WorkflowDocument.Scalar(step, "uses")), Does.Contain(Kiln.Targets.Configuration.PinnedActions.AttestBuildProvenance.Reference));
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(release, "permissions"), "id-token"), Is.EqualTo("write"));
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(release, "permissions"), "attestations"), Is.EqualTo("write"));
        Assert.That(workflow.Text.Split("id-token"), Has.Length.EqualTo(2));
    }

    [Test]
    public void Committed_workflows_key_the_tools_cache_by_arch_and_carry_the_arch_and_per_tool_entries_and_the_sources()
    {
        foreach (var file in CommittedWorkflows())
        {
            var text = File.ReadAllText(file);

            Assert.That(text, Does.Contain("key: tools-${{ matrix.arch }}-${{ steps.cache-key.outputs.fingerprint }}\n          restore-keys: tools-${{ matrix.arch }}-\n"), file);
            Assert.That(text, Does.Contain("key: tools-aarch64-${{ steps.cache-key.outputs.fingerprint-aarch64 }}\n          fail-on-cache-miss: true\n"), file);
            Assert.That(text, Does.Contain("tools-cache/${{ matrix.arch }}\n            tools-cache/${{ matrix.arch }}.*\n            tools-cache/sources\n"), file);
            Assert.That(text, Does.Not.Contain("TOOLS_CACHE_HIT"), file);
        }
    }
}
