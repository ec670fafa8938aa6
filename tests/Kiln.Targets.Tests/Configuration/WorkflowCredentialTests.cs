using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>Which runs get the write credentials (the remote cache's write token, the signing key), and the refusal of a configuration that would give them to a pull request.</summary>
public sealed class WorkflowCredentialTests
{
    private const string DefaultBranchPush =
        "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

    [Test]
    public void A_write_credential_that_a_pull_request_run_could_read_is_refused_naming_each_step_and_the_credential()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.Model(attribute) with
        {
            StepEnvironment = [GitHubActionsStepVariable.FromSecret("RemoteCache", "_TOKEN").AsWriteCredential() with { TrustedOnly = false }],
        };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Errors, Has.Count.EqualTo(2));
        Assert.That(error.Errors[0], Does.StartWith("[GitHubActions(\"build\")] step environment")
            .And.Contain("step \"Run Tools\" of job \"arch\" runs for pull requests and would get the write credential KILN_REMOTE_CACHE_TOKEN"));
        Assert.That(error.Errors[1], Does.Contain("step \"Run Dist\" of job \"build\" runs for pull requests and would get the write credential KILN_REMOTE_CACHE_TOKEN"));
    }

    [Test]
    public void The_signing_key_given_to_every_run_is_refused_by_its_name()
    {
        var attribute = new GitHubActionsAttribute("checks") { OnPullRequestBranches = ["main"], InvokedTargets = ["Dist"] };
        var model = SampleBuild.Model(attribute) with
        {
            StepEnvironment = [GitHubActionsStepVariable.FromBuildSecret("SigningKey") with { WriteCredential = true }],
        };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Message, Does.Contain("step \"Run Dist\" of job \"build\" runs for pull requests and would get the write credential KILN_SIGNING_KEY"));
    }

    [Test]
    public void A_workflow_that_never_runs_for_pull_requests_may_give_a_write_credential_to_every_run()
    {
        var attribute = SampleBuild.ReleaseWorkflow();
        var model = SampleBuild.Model(attribute) with
        {
            StepEnvironment = [GitHubActionsStepVariable.FromSecret("RemoteCache", "_TOKEN").AsWriteCredential() with { TrustedOnly = false }],
        };

        var workflow = WorkflowDocument.Generate(attribute, model);

        Assert.That(Environment(workflow, "build")["KILN_REMOTE_CACHE_TOKEN"], Is.EqualTo("${{ secrets.KILN_REMOTE_CACHE_TOKEN }}"));
    }

    [Test]
    public void Without_releases_only_a_push_to_the_default_branch_gets_the_write_token_and_the_signing_key()
    {
        var attribute = SampleBuild.BuildWorkflow();

        var environment = Environment(WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute)), "build");

        Assert.That(environment["KILN_REMOTE_CACHE_TOKEN"], Is.EqualTo($"${{{{ {DefaultBranchPush} && secrets.KILN_REMOTE_CACHE_TOKEN || '' }}}}"));
        Assert.That(environment["KILN_SIGNING_KEY"], Is.EqualTo($"${{{{ {DefaultBranchPush} && secrets.KILN_SIGNING_KEY || '' }}}}"));
    }

    [TestCase("v", "startsWith(github.ref, 'refs/tags/v')")]
    [TestCase("", "startsWith(github.ref, 'refs/tags/')")]
    public void A_workflow_that_releases_also_trusts_a_push_of_a_release_tag_whose_build_signs_the_release(string prefix, string tag)
    {
        var attribute = SampleBuild.ReleasingBuildWorkflow();
        attribute.ReleaseTagPrefix = prefix;

        var workflow = WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute));
        var environment = Environment(workflow, "arch");

        var trusted = "github.event_name == 'push' && (github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || " + tag + ")";
        Assert.That(environment["KILN_SIGNING_KEY"], Is.EqualTo($"${{{{ {trusted} && secrets.KILN_SIGNING_KEY || '' }}}}"));
        Assert.That(environment["KILN_REMOTE_CACHE_TOKEN"], Is.EqualTo($"${{{{ {trusted} && secrets.KILN_REMOTE_CACHE_TOKEN || '' }}}}"));
        Assert.That(environment["KILN_REMOTE_CACHE_MODE"], Is.EqualTo($"${{{{ {trusted} && 'read-write' || 'read' }}}}"));
        Assert.That(WorkflowDocument.Scalar(workflow.Job("release"), "if"), Is.EqualTo(tag));
    }

    [Test]
    public void The_read_token_reaches_every_run_and_no_other_step_than_those_that_run_targets()
    {
        var attribute = SampleBuild.ReleasingBuildWorkflow();

        var workflow = WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute));

        Assert.That(Environment(workflow, "arch")["KILN_REMOTE_CACHE_READ_TOKEN"], Is.EqualTo("${{ secrets.KILN_REMOTE_CACHE_READ_TOKEN }}"));
        Assert.That(Environment(workflow, "build")["KILN_REMOTE_CACHE_READ_TOKEN"], Is.EqualTo("${{ secrets.KILN_REMOTE_CACHE_READ_TOKEN }}"));
        foreach (var secret in new[] { "secrets.KILN_REMOTE_CACHE_READ_TOKEN", "secrets.KILN_REMOTE_CACHE_TOKEN", "secrets.KILN_SIGNING_KEY" })
            Assert.That(workflow.Text.Split(secret), Has.Length.EqualTo(3), secret);
    }

    /// <summary>The env of the one step of <paramref name="job"/> that runs targets.</summary>
    private static IReadOnlyDictionary<string, string> Environment(WorkflowDocument workflow, string job) =>
        WorkflowDocument.Mapping(workflow.Steps(job).Single(step => step.Children.ContainsKey("env")), "env").Children
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
}
