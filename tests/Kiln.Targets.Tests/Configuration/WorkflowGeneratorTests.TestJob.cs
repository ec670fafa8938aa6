using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

public sealed partial class WorkflowGeneratorTests
{
    [Test]
    public void The_test_target_runs_in_a_job_of_its_own_on_the_runner_of_the_build_jobs()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var test = workflow.Job("test");
        var steps = workflow.Steps("test").ToList();

        Assert.That(WorkflowDocument.Scalar(test, "runs-on"), Is.EqualTo("ubuntu-24.04"));
        Assert.That(test.Children.ContainsKey("needs"), Is.False, "the tests run beside the build, not after it");
        Assert.That(Runs(workflow, "test"), Is.EqualTo(new[] { "./build.sh Test" }));
        Assert.That(steps.IndexOf(workflow.StepUsing("test", PinnedActions.SetupDotnet)),
            Is.LessThan(steps.FindIndex(step => WorkflowDocument.Scalar(step, "run") == "./build.sh Test")));
    }

    [Test]
    public void The_release_needs_the_test_job_so_nothing_is_published_unless_the_tests_passed()
    {
        var needs = WorkflowDocument.Generate(SampleBuild.ReleasingBuildWorkflow()).Job("release")["needs"];

        Assert.That(((YamlSequenceNode)needs).Children.Select(job => ((YamlScalarNode)job).Value), Is.EqualTo(new[] { "build", "test" }));
    }

    [Test]
    public void Test_results_are_uploaded_by_a_pinned_action_also_when_the_tests_failed()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var upload = workflow.StepUsing("test", PinnedActions.UploadArtifact);
        var inputs = WorkflowDocument.Mapping(upload, "with");

        Assert.That(WorkflowDocument.Scalar(upload, "if"), Is.EqualTo("always()"));
        Assert.That(WorkflowDocument.Scalar(inputs, "path"), Is.EqualTo(SampleBuild.TestResultsFolder));
        Assert.That(WorkflowDocument.Scalar(inputs, "name"), Is.EqualTo("test-results"));
        Assert.That(workflow.Steps("test").Last(), Is.SameAs(upload));
    }

    [Test]
    public void The_test_step_gets_neither_imported_secrets_nor_the_remote_cache()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ImportSecrets = ["SIGNING_KEY"];

        var test = WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute)).Steps("test").Single(step => WorkflowDocument.Scalar(step, "run") is not null);

        Assert.That(test.Children.ContainsKey("env"), Is.False);
    }

    [Test]
    public void Without_a_test_target_there_is_no_test_job_and_the_release_needs_only_the_build()
    {
        var attribute = SampleBuild.ReleasingBuildWorkflow();
        attribute.TestTarget = null;
        attribute.TestResults = [];

        var workflow = WorkflowDocument.Generate(attribute);

        Assert.That(WorkflowDocument.Mapping(workflow.Root, "jobs").Children.ContainsKey("test"), Is.False);
        Assert.That(WorkflowDocument.Scalar(workflow.Job("release"), "needs"), Is.EqualTo("build"));
    }

    [Test]
    public void A_test_target_the_build_does_not_have_is_refused_naming_it()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.TestTarget = "Tset";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("TestTarget").And.Contain("\"Tset\""));
    }

    [Test]
    public void Test_results_without_a_test_target_are_refused()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.TestTarget = null;

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("TestResults needs TestTarget"));
    }
}
