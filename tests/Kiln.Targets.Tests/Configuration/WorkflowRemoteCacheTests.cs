using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

public sealed class WorkflowRemoteCacheTests
{
    private const string ModeExpression =
        "${{ github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch) && 'read-write' || 'read' }}";

    [Test]
    public void Every_step_that_runs_targets_gets_the_remote_cache_url_mode_token_and_signing_key()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow()));

        var environments = TargetSteps(workflow).Select(Environment).ToList();

        Assert.That(TargetSteps(workflow).Select(step => WorkflowDocument.Scalar(step, "name")), Is.EqualTo(new[] { "Run Tools", "Run Dist" }));
        Assert.That(environments, Has.All.EqualTo(new Dictionary<string, string>
        {
            ["KILN_REMOTE_CACHE"] = "${{ vars.KILN_REMOTE_CACHE }}",
            ["KILN_REMOTE_CACHE_MODE"] = ModeExpression,
            ["KILN_REMOTE_CACHE_SIGNING_KEY"] = "${{ secrets.KILN_REMOTE_CACHE_SIGNING_KEY }}",
            ["KILN_REMOTE_CACHE_TOKEN"] = "${{ secrets.KILN_REMOTE_CACHE_TOKEN }}",
        }));
    }

    [Test]
    public void The_emitted_env_block_is_plain_yaml_in_a_fixed_order()
    {
        var text = WorkflowGenerator.Generate(SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow()), SampleBuild.Model());

        Assert.That(text, Does.Contain(
            "        run: ./build.sh Dist --arch x86_64 aarch64 --require-tools-cache-hit\n"
            + "        env:\n"
            + "          KILN_REMOTE_CACHE: ${{ vars.KILN_REMOTE_CACHE }}\n"
            + $"          KILN_REMOTE_CACHE_MODE: {ModeExpression}\n"
            + "          KILN_REMOTE_CACHE_SIGNING_KEY: ${{ secrets.KILN_REMOTE_CACHE_SIGNING_KEY }}\n"
            + "          KILN_REMOTE_CACHE_TOKEN: ${{ secrets.KILN_REMOTE_CACHE_TOKEN }}\n"));
    }

    [Test]
    public void A_pull_request_never_gets_read_write_only_a_push_to_the_default_branch_does()
    {
        var attribute = SampleBuild.WithRemoteCache(new GitHubActionsAttribute("checks") { On = [GitHubActionsTrigger.PullRequest], InvokedTargets = ["Dist"] });

        var mode = Environment(TargetSteps(WorkflowDocument.Generate(attribute)).Single())["KILN_REMOTE_CACHE_MODE"];

        // read-write is the middle operand of one && chain whose first term is the event: no pull_request event passes it.
        Assert.That(mode, Is.EqualTo(ModeExpression));
        Assert.That(mode, Does.StartWith("${{ github.event_name == 'push' && ").And.EndWith(" && 'read-write' || 'read' }}"));
        Assert.That(mode.Split("||"), Has.Length.EqualTo(2));
    }

    [Test]
    public void The_signing_key_is_optional()
    {
        var attribute = SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow());
        attribute.RemoteCacheSigningKeySecret = null;

        var environment = Environment(TargetSteps(WorkflowDocument.Generate(attribute)).Last());

        Assert.That(environment.Keys, Is.EqualTo(new[] { "KILN_REMOTE_CACHE", "KILN_REMOTE_CACHE_MODE", "KILN_REMOTE_CACHE_TOKEN" }));
    }

    [Test]
    public void Imported_secrets_and_the_remote_cache_share_one_env_block_sorted_by_name()
    {
        var attribute = SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow());
        attribute.ImportSecrets = ["SIGNING_KEY", "AWS_KEY"];

        var environment = Environment(TargetSteps(WorkflowDocument.Generate(attribute)).Last());

        Assert.That(environment.Keys, Is.EqualTo(new[]
        {
            "AWS_KEY", "KILN_REMOTE_CACHE", "KILN_REMOTE_CACHE_MODE", "KILN_REMOTE_CACHE_SIGNING_KEY", "KILN_REMOTE_CACHE_TOKEN", "SIGNING_KEY",
        }));
    }

    [Test]
    public void No_other_step_sees_the_remote_cache_token()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow()));

        var others = AllSteps(workflow).Where(step => !IsTargetStep(step));

        Assert.That(others.Where(step => step.Children.ContainsKey("env")), Is.Empty);
        Assert.That(workflow.Text.Split("secrets.KILN_REMOTE_CACHE_TOKEN"), Has.Length.EqualTo(3));
    }

    [Test]
    public void Without_a_url_variable_no_step_gets_the_remote_cache()
    {
        var text = WorkflowGenerator.Generate(SampleBuild.BuildWorkflow(), SampleBuild.Model());

        Assert.That(text, Does.Not.Contain("KILN_REMOTE_CACHE").And.Not.Contain("vars."));
    }

    [Test]
    public void Bad_names_are_refused_together_each_naming_its_property()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.RemoteCacheUrlVariable = "1CACHE_URL";
        attribute.RemoteCacheTokenSecret = "GITHUB_TOKEN";
        attribute.RemoteCacheSigningKeySecret = "signing-key";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Errors, Has.Count.EqualTo(3));
        Assert.That(error.Errors[0], Does.Contain("[GitHubActions(\"build\")] RemoteCacheUrlVariable is \"1CACHE_URL\""));
        Assert.That(error.Errors[1], Does.Contain("RemoteCacheTokenSecret is \"GITHUB_TOKEN\"").And.Contain("GITHUB_"));
        Assert.That(error.Errors[2], Does.Contain("RemoteCacheSigningKeySecret is \"signing-key\""));
    }

    [Test]
    public void A_url_variable_without_a_token_secret_is_refused()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.RemoteCacheUrlVariable = "KILN_REMOTE_CACHE";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Errors, Is.EqualTo(new[]
        {
            "[GitHubActions(\"build\")] RemoteCacheTokenSecret is not set: the remote cache needs the secret that holds its bearer token.",
        }));
    }

    [Test]
    public void Secrets_without_a_url_variable_are_refused_as_doing_nothing()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.RemoteCacheTokenSecret = "KILN_REMOTE_CACHE_TOKEN";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("RemoteCacheUrlVariable is not set").And.Contain("would do nothing"));
    }

    [Test]
    public void An_imported_secret_that_would_set_a_remote_cache_variable_twice_is_refused()
    {
        var attribute = SampleBuild.WithRemoteCache(SampleBuild.BuildWorkflow());
        attribute.ImportSecrets = ["KILN_REMOTE_CACHE_TOKEN"];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("ImportSecrets entry \"KILN_REMOTE_CACHE_TOKEN\""));
    }

    /// <summary>The steps that run the build's targets, as opposed to the key step, the actions and the test step.</summary>
    private static IReadOnlyList<YamlMappingNode> TargetSteps(WorkflowDocument workflow) =>
        AllSteps(workflow).Where(IsTargetStep).ToList();

    private static bool IsTargetStep(YamlMappingNode step) =>
        WorkflowDocument.Scalar(step, "name")?.StartsWith("Run ", StringComparison.Ordinal) == true && WorkflowDocument.Scalar(step, "run") != "./build.sh Test";

    private static IEnumerable<YamlMappingNode> AllSteps(WorkflowDocument workflow) =>
        WorkflowDocument.Mapping(workflow.Root, "jobs").Children.Keys.SelectMany(key => workflow.Steps(((YamlScalarNode)key).Value!));

    private static IReadOnlyDictionary<string, string> Environment(YamlMappingNode step) =>
        WorkflowDocument.Mapping(step, "env").Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
}
