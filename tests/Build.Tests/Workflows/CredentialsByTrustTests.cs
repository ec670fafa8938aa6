using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s credentials, evaluated for each event that can run it against a repository that sets
/// every secret: a pull request's jobs, and every other untrusted run, see the remote cache's read token and neither its
/// write token nor the signing key; a push to the default branch or of a release tag gives both steps that run targets all three.
/// </summary>
public class CredentialsByTrustTests
{
    private const string WriteToken = "write-token-value";
    private const string ReadToken = "read-token-value";
    private const string SigningKey = "signing-key-value";

    private static readonly Dictionary<string, string> RepositorySecrets = new()
    {
        ["KILN_REMOTE_CACHE_TOKEN"] = WriteToken,
        ["KILN_REMOTE_CACHE_READ_TOKEN"] = ReadToken,
        ["KILN_SIGNING_KEY"] = SigningKey,
    };

    [TestCase("pull_request", "refs/pull/7/merge")]
    [TestCase("pull_request", "refs/heads/main")]
    [TestCase("push", "refs/heads/feature")]
    [TestCase("push", "refs/tags/nightly")]
    [TestCase("workflow_dispatch", "refs/heads/main")]
    [TestCase("workflow_dispatch", "refs/tags/v1.2.3")]
    public void An_untrusted_run_sees_the_read_token_and_neither_the_write_token_nor_the_signing_key(string eventName, string gitRef)
    {
        var seen = ValuesEveryStepSees(eventName, gitRef);

        Assert.That(seen.Keys, Is.EqualTo(new[] { "arch/Run Tools", "build/Run Dist" }));
        Assert.That(seen.Values.SelectMany(values => values), Does.Not.Contain(WriteToken).And.Not.Contain(SigningKey));
        Assert.That(seen.Values, Has.All.Contain(ReadToken));
    }

    [TestCase("refs/heads/main")]
    [TestCase("refs/tags/v1.2.3")]
    public void A_push_to_the_default_branch_or_of_a_release_tag_gives_both_target_steps_every_credential(string gitRef)
    {
        var seen = ValuesEveryStepSees("push", gitRef);

        Assert.That(seen.Keys, Is.EqualTo(new[] { "arch/Run Tools", "build/Run Dist" }));
        Assert.That(seen.Values, Has.All.Contain(WriteToken).And.All.Contain(SigningKey).And.All.Contain(ReadToken));
    }

    [Test]
    public void Only_the_env_of_a_step_reads_a_secret()
    {
        var readers = Scalars(Workflow(), "").Where(scalar => scalar.Value.Contains("secrets.", StringComparison.Ordinal)).Select(scalar => scalar.Path);

        Assert.That(readers, Is.Not.Empty);
        Assert.That(readers, Has.All.Match(@"^/jobs/[a-z]+/steps/\d+/env/[A-Z_]+$"));
    }

    /// <summary>
    /// For each step of a job the run reaches whose env holds a secret (by <c>job/step</c>), the values that env evaluates
    /// to in that run; <see cref="Only_the_env_of_a_step_reads_a_secret"/> shows no other place reads one.
    /// </summary>
    private static SortedDictionary<string, IReadOnlyList<string>> ValuesEveryStepSees(string eventName, string gitRef)
    {
        var context = new ExpressionContext
        {
            Matrix = new Dictionary<string, string>(),
            GitHub = new Dictionary<string, string>
            {
                ["event_name"] = eventName, ["ref"] = gitRef, ["event.repository.default_branch"] = "main",
            },
            Runner = new Dictionary<string, string>(),
            Steps = new Dictionary<string, StepRecord>(),
            Needs = new Dictionary<string, JobRecord>(),
            Secrets = RepositorySecrets,
        };
        var seen = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in (YamlMappingNode)Workflow()["jobs"])
        {
            var job = (YamlMappingNode)value;
            if (job.Children.TryGetValue("if", out var condition) && !WorkflowExpression.EvaluateCondition(((YamlScalarNode)condition).Value, context))
                continue;
            foreach (var step in ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Where(step => step.Children.ContainsKey("env")))
            {
                var environment = ((YamlMappingNode)step["env"]).Children.Values.Select(text => ((YamlScalarNode)text).Value!).ToList();
                if (environment.Any(text => text.Contains("secrets.", StringComparison.Ordinal)))
                    seen[$"{key}/{((YamlScalarNode)step["name"]).Value}"] = environment.Select(text => WorkflowExpression.Interpolate(text, context)).ToList();
            }
        }
        return seen;
    }

    private static IEnumerable<(string Path, string Value)> Scalars(YamlNode node, string path) => node switch
    {
        YamlScalarNode scalar => [(path, scalar.Value ?? "")],
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => Scalars(pair.Value, $"{path}/{((YamlScalarNode)pair.Key).Value}")),
        YamlSequenceNode sequence => sequence.Children.SelectMany((child, index) => Scalars(child, $"{path}/{index}")),
        _ => [],
    };

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryCopy.FindRepositoryRoot(), ".github", "workflows", "build.yml"))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
