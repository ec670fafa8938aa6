using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Configuration;

/// <summary>
/// The test job: <see cref="GitHubActionsAttribute.TestTarget"/> on <see cref="GitHubActionsAttribute.RunsOn"/>, beside the
/// build jobs, then its results uploaded whatever the outcome. The release job needs it, so a release is never published
/// from a commit whose tests failed.
/// </summary>
internal static partial class WorkflowGenerator
{
    private const string TestJobId = "test";
    private const string TestResultsArtifact = "test-results";

    private static YamlMappingNode TestJob(GitHubActionsAttribute workflow)
    {
        var job = new YamlMappingNode { { "runs-on", workflow.RunsOn } };
        AddTimeout(job, workflow);
        var steps = SetupSteps(workflow);
        // Neither imported secrets nor the remote cache: the tests run builds of their own, whose results a cache or token
        // inherited from this step would change, and test code has no use for a secret.
        steps.Add(RunTargetsStep([workflow.TestTarget!], arguments: "", id: null, environment: []));
        // The results are uploaded after a failure too, when they matter most. A run that stopped before writing any (a
        // compile error) only warns: the failure is already the test step's. A folder under .nuke/ is not excluded as hidden:
        // upload-artifact skips only names below the given path that start with a dot.
        if (workflow.TestResults.Length > 0)
            steps.Add(UploadArtifactStep("Upload the test results", "always()", TestResultsArtifact, workflow.TestResults, ifNoFilesFound: "warn"));
        job.Add("steps", steps);
        return job;
    }

    private static IEnumerable<string> TestJobErrors(GitHubActionsAttribute workflow, BuildModel model, Func<string, string> at)
    {
        if (workflow.TestTarget is null)
        {
            if (workflow.TestResults.Length > 0)
                yield return $"{at(nameof(GitHubActionsAttribute.TestResults))} needs TestTarget: the results are what the test job writes.";
            yield break;
        }
        if (model.Targets.All(known => known.Name != workflow.TestTarget))
            yield return $"{at(nameof(GitHubActionsAttribute.TestTarget))} names \"{workflow.TestTarget}\", which is not a target of the build.";
    }
}
