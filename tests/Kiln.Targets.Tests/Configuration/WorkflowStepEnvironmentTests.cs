using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

public sealed class WorkflowStepEnvironmentTests
{
    private const string TrustedRun =
        "github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

    private const string ModeExpression = "${{ " + TrustedRun + " && 'read-write' || 'read' }}";

    private const string TrustedToken = "${{ " + TrustedRun + " && secrets.KILN_REMOTE_CACHE_TOKEN || '' }}";

    private const string TrustedSigningKey = "${{ " + TrustedRun + " && secrets.KILN_SIGNING_KEY || '' }}";

    [Test]
    public void Every_step_that_runs_targets_gets_the_remote_cache_url_mode_and_read_token_and_the_write_credentials_only_when_trusted()
    {
        var attribute = SampleBuild.BuildWorkflow();

        var workflow = WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute));

        Assert.That(TargetSteps(workflow).Select(step => WorkflowDocument.Scalar(step, "name")), Is.EqualTo(new[] { "Run Tools", "Run Dist" }));
        Assert.That(TargetSteps(workflow).Select(Environment), Has.All.EqualTo(new Dictionary<string, string>
        {
            ["KILN_REMOTE_CACHE"] = "${{ vars.KILN_REMOTE_CACHE }}",
            ["KILN_REMOTE_CACHE_MODE"] = ModeExpression,
            ["KILN_REMOTE_CACHE_READ_TOKEN"] = "${{ secrets.KILN_REMOTE_CACHE_READ_TOKEN }}",
            ["KILN_REMOTE_CACHE_TOKEN"] = TrustedToken,
            ["KILN_SIGNING_KEY"] = TrustedSigningKey,
        }));
    }

    [Test]
    public void The_emitted_env_block_is_plain_yaml_in_a_fixed_order()
    {
        var attribute = SampleBuild.BuildWorkflow();

        var text = WorkflowGenerator.Generate(attribute, SampleBuild.RemoteCacheModel(attribute));

        Assert.That(text, Does.Contain(
            "        run: ./build.sh Dist --arch x86_64 aarch64 --require-tools-cache-hit\n"
            + "        env:\n"
            + "          KILN_REMOTE_CACHE: ${{ vars.KILN_REMOTE_CACHE }}\n"
            + $"          KILN_REMOTE_CACHE_MODE: {ModeExpression}\n"
            + "          KILN_REMOTE_CACHE_READ_TOKEN: ${{ secrets.KILN_REMOTE_CACHE_READ_TOKEN }}\n"
            + $"          KILN_REMOTE_CACHE_TOKEN: {TrustedToken}\n"
            + $"          KILN_SIGNING_KEY: {TrustedSigningKey}\n"));
    }

    [Test]
    public void A_pull_request_never_gets_the_trusted_value_only_a_push_to_the_default_branch_does()
    {
        var attribute = new GitHubActionsAttribute("checks") { On = [GitHubActionsTrigger.PullRequest], InvokedTargets = ["Dist"] };

        var mode = Environment(TargetSteps(WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute))).Single())["KILN_REMOTE_CACHE_MODE"];

        // read-write is the middle operand of one && chain whose first term is the event: no pull_request event passes it.
        Assert.That(mode, Does.StartWith("${{ github.event_name == 'push' && ").And.EndWith(" && 'read-write' || 'read' }}"));
        Assert.That(mode.Split("||"), Has.Length.EqualTo(2));
    }

    [Test]
    public void A_trusted_only_secret_reads_empty_in_every_untrusted_run()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.Model(attribute) with
        {
            StepEnvironment = [GitHubActionsStepVariable.FromSecret("RemoteCache", "_TOKEN") with { TrustedOnly = true }],
        };

        var environment = Environment(TargetSteps(WorkflowDocument.Generate(attribute, model)).Last());

        Assert.That(environment["KILN_REMOTE_CACHE_TOKEN"], Is.EqualTo($"${{{{ {TrustedRun} && secrets.KILN_REMOTE_CACHE_TOKEN || '' }}}}"));
    }

    [Test]
    public void Variables_are_named_after_their_parameter_under_the_builds_prefix_or_bare_without_one()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.RemoteCacheModel(attribute) with { ParameterPrefix = null };

        var environment = Environment(TargetSteps(WorkflowDocument.Generate(attribute, model)).Last());

        Assert.That(environment.Keys, Is.EqualTo(new[] { "REMOTE_CACHE", "REMOTE_CACHE_MODE", "REMOTE_CACHE_READ_TOKEN", "REMOTE_CACHE_TOKEN", "SIGNING_KEY" }));
        Assert.That(environment["REMOTE_CACHE_READ_TOKEN"], Is.EqualTo("${{ secrets.REMOTE_CACHE_READ_TOKEN }}"));
        Assert.That(environment["SIGNING_KEY"], Does.EndWith(" && secrets.SIGNING_KEY || '' }}"));
    }

    [Test]
    public void Imported_secrets_and_the_step_environment_share_one_env_block_sorted_by_name()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ImportSecrets = ["NPM_TOKEN", "AWS_KEY"];

        var environment = Environment(TargetSteps(WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute))).Last());

        Assert.That(environment.Keys, Is.EqualTo(new[]
        {
            "AWS_KEY", "KILN_REMOTE_CACHE", "KILN_REMOTE_CACHE_MODE", "KILN_REMOTE_CACHE_READ_TOKEN", "KILN_REMOTE_CACHE_TOKEN", "KILN_SIGNING_KEY", "NPM_TOKEN",
        }));
    }

    [Test]
    public void No_other_step_sees_the_remote_cache_token()
    {
        var attribute = SampleBuild.BuildWorkflow();

        var workflow = WorkflowDocument.Generate(attribute, SampleBuild.RemoteCacheModel(attribute));

        Assert.That(AllSteps(workflow).Where(step => !IsTargetStep(step)).Where(step => step.Children.ContainsKey("env")), Is.Empty);
        Assert.That(workflow.Text.Split("secrets.KILN_REMOTE_CACHE_TOKEN"), Has.Length.EqualTo(3));
    }

    [Test]
    public void Without_a_step_environment_no_step_reads_a_repository_setting()
    {
        var text = WorkflowGenerator.Generate(SampleBuild.BuildWorkflow(), SampleBuild.Model());

        Assert.That(text, Does.Not.Contain("KILN_REMOTE_CACHE").And.Not.Contain("vars.").And.Not.Contain("secrets."));
    }

    [Test]
    public void A_variable_named_after_a_parameter_the_build_does_not_have_fails_naming_the_variable_the_parameter_and_the_workflow()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.Model(attribute) with
        {
            Parameters = SampleBuild.Model().Parameters.Where(parameter => parameter.Name != "RemoteCache").ToList(),
            StepEnvironment = SampleBuild.RemoteCacheEnvironment,
        };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Errors, Has.Count.EqualTo(3), "the URL, its write token and its read token each name the missing parameter; the signing key names none");
        Assert.That(error.Errors[0], Does.StartWith("[GitHubActions(\"build\")] step environment (KilnBuild.WorkflowSettings.StepEnvironment)")
            .And.Contain("KILN_REMOTE_CACHE after the parameter \"RemoteCache\", which the build does not have"));
    }

    [Test]
    public void Names_a_prefix_makes_unusable_as_repository_settings_are_refused()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.RemoteCacheModel(attribute) with { ParameterPrefix = "GITHUB" };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Errors, Has.Count.EqualTo(5));
        Assert.That(error.Errors[0], Does.Contain("GITHUB_REMOTE_CACHE is no GitHub variable or secret name"));
        Assert.That(error.Errors[4], Does.Contain("GITHUB_SIGNING_KEY is no GitHub variable or secret name"));
    }

    [Test]
    public void A_variable_set_twice_or_also_imported_as_a_secret_is_refused()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ImportSecrets = ["KILN_REMOTE_CACHE_TOKEN"];
        var model = SampleBuild.RemoteCacheModel(attribute) with
        {
            StepEnvironment = [.. SampleBuild.RemoteCacheEnvironment, GitHubActionsStepVariable.FromRepositoryVariable("RemoteCache")],
        };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Errors, Has.Some.Contains("sets KILN_REMOTE_CACHE twice"));
        Assert.That(error.Errors, Has.Some.Contains("ImportSecrets entry \"KILN_REMOTE_CACHE_TOKEN\" is a variable the step environment sets"));
    }

    [Test]
    public void An_empty_trusted_value_is_refused_as_indistinguishable_from_false()
    {
        var attribute = SampleBuild.BuildWorkflow();
        var model = SampleBuild.Model(attribute) with { StepEnvironment = [GitHubActionsStepVariable.ByTrust("RemoteCacheMode", "", "read")] };

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, model));

        Assert.That(error!.Message, Does.Contain("KILN_REMOTE_CACHE_MODE gives trusted runs an empty value"));
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
