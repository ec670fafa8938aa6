using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s remote cache mode, evaluated for each event that can run a workflow: only a push to
/// the default branch or of a release tag may write, so code from a pull request can never put an entry that later builds
/// restore.
/// </summary>
public class RemoteCacheModeTests
{
    private const string DefaultBranch = "main";

    [TestCase("push", "refs/heads/main", "read-write")]
    [TestCase("push", "refs/heads/feature", "read")]
    [TestCase("push", "refs/tags/v1.2.3", "read-write")]
    [TestCase("push", "refs/tags/nightly", "read")]
    [TestCase("pull_request", "refs/pull/7/merge", "read")]
    [TestCase("pull_request", "refs/heads/main", "read")]
    [TestCase("workflow_dispatch", "refs/heads/main", "read")]
    public void Only_a_push_to_the_default_branch_or_of_a_release_tag_may_write_the_remote_cache(string eventName, string gitRef, string expected)
    {
        var context = new ExpressionContext
        {
            Matrix = new Dictionary<string, string>(),
            GitHub = new Dictionary<string, string>
            {
                ["event_name"] = eventName, ["ref"] = gitRef, ["event.repository.default_branch"] = DefaultBranch,
            },
            Runner = new Dictionary<string, string>(),
            Steps = new Dictionary<string, StepRecord>(),
            Needs = new Dictionary<string, JobRecord>(),
        };

        var modes = CommittedModes().Select(mode => WorkflowExpression.Interpolate(mode, context)).ToList();

        Assert.That(modes, Has.Count.EqualTo(2));
        Assert.That(modes, Has.All.EqualTo(expected));
    }

    /// <summary>The value of every <c>KILN_REMOTE_CACHE_MODE</c> a step of the committed workflow sets.</summary>
    private static IEnumerable<string> CommittedModes()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryCopy.FindRepositoryRoot(), ".github", "workflows", "build.yml"))));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
        return jobs.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .Where(step => step.Children.ContainsKey("env"))
            .Select(step => ((YamlMappingNode)step["env"]).Children)
            .Where(environment => environment.ContainsKey("KILN_REMOTE_CACHE_MODE"))
            .Select(environment => ((YamlScalarNode)environment["KILN_REMOTE_CACHE_MODE"]).Value!);
    }
}
