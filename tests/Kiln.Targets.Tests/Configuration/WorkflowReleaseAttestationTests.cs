using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>GitHub's own build provenance attestation of the released files, and the permissions it takes from the release job alone.</summary>
public sealed class WorkflowReleaseAttestationTests
{
    [Test]
    public void The_release_job_attests_the_downloaded_files_before_attaching_them_with_an_action_pinned_to_a_commit()
    {
        var workflow = WorkflowDocument.Generate(AttestingRelease());

        var steps = workflow.Steps("release").ToList();
        var attest = workflow.StepUsing("release", PinnedActions.AttestBuildProvenance);

        Assert.That(PinnedActions.AttestBuildProvenance.Reference, Does.Match("^actions/attest-build-provenance@[0-9a-f]{40}$"));
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(attest, "with"), "subject-path"), Is.EqualTo("release/*"));
        Assert.That(steps.IndexOf(attest), Is.GreaterThan(steps.IndexOf(workflow.StepUsing("release", PinnedActions.DownloadArtifact))));
        Assert.That(steps.IndexOf(attest), Is.LessThan(steps.IndexOf(workflow.StepUsing("release", PinnedActions.GhRelease))));
        Assert.That(workflow.Text, Does.Contain($"uses: {PinnedActions.AttestBuildProvenance.Reference} # {PinnedActions.AttestBuildProvenance.Version}\n"));
    }

    [Test]
    public void Only_the_release_job_may_take_an_id_token_and_write_attestations_every_other_job_only_reads()
    {
        var workflow = WorkflowDocument.Generate(AttestingRelease());

        Assert.That(Permissions(WorkflowDocument.Mapping(workflow.Root, "permissions")), Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read" }));
        Assert.That(Permissions(WorkflowDocument.Mapping(workflow.Job("release"), "permissions")), Is.EqualTo(new Dictionary<string, string>
        {
            ["contents"] = "write", ["id-token"] = "write", ["attestations"] = "write",
        }));
        foreach (var job in new[] { "arch", "build", "test" })
            Assert.That(workflow.Job(job).Children.ContainsKey("permissions"), Is.False, job);
    }

    [Test]
    public void A_release_without_attestation_takes_no_id_token()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.ReleasingBuildWorkflow());

        Assert.That(Permissions(WorkflowDocument.Mapping(workflow.Job("release"), "permissions")), Is.EqualTo(new Dictionary<string, string> { ["contents"] = "write" }));
        Assert.That(workflow.Text, Does.Not.Contain("attest"));
    }

    [Test]
    public void Attesting_without_a_release_is_refused_naming_both_properties()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.AttestRelease = true;

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model(attribute)));

        Assert.That(error!.Message, Does.StartWith("[GitHubActions(\"build\")] AttestRelease needs PublishRelease"));
    }

    private static GitHubActionsAttribute AttestingRelease()
    {
        var attribute = SampleBuild.ReleasingBuildWorkflow();
        attribute.AttestRelease = true;
        return attribute;
    }

    private static Dictionary<string, string> Permissions(YamlMappingNode permissions) =>
        permissions.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
}
