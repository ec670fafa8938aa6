using System.Text.RegularExpressions;
using Kiln.Targets.Configuration;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Tests.Configuration;

public sealed partial class WorkflowGeneratorTests
{
    private const string FingerprintValue = "3f2a9c0d";

    [Test]
    public void Build_workflow_runs_on_push_and_pull_request()
    {
        var triggers = WorkflowDocument.Mapping(WorkflowDocument.Generate(SampleBuild.BuildWorkflow()).Root, "on");

        Assert.That(triggers.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EqualTo(new[] { "push", "pull_request" }));
    }

    [Test]
    public void Release_workflow_runs_on_version_tags_only()
    {
        var triggers = WorkflowDocument.Mapping(WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow()).Root, "on");

        Assert.That(triggers.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EqualTo(new[] { "push" }));
        Assert.That(((YamlSequenceNode)WorkflowDocument.Mapping(triggers, "push")["tags"]).Children.Select(tag => ((YamlScalarNode)tag).Value),
            Is.EqualTo(new[] { "v*" }));
    }

    [Test]
    public void Every_arch_leg_runs_on_the_runner_kind_of_the_job_that_assembles_them()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var include = workflow.MatrixInclude("arch");

        Assert.That(include.Select(entry => (entry["arch"], entry["runner"])),
            Is.EqualTo(new[] { ("x86_64", "ubuntu-24.04"), ("aarch64", "ubuntu-24.04") }));
        Assert.That(WorkflowDocument.Scalar(workflow.Job("arch"), "runs-on"), Is.EqualTo("${{ matrix.runner }}"));
        Assert.That(WorkflowDocument.Scalar(workflow.Job("build"), "runs-on"), Is.EqualTo("ubuntu-24.04"));
    }

    [Test]
    public void Arch_legs_run_the_arch_targets_then_one_job_runs_the_invoked_targets_for_every_arch()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var tools = WorkflowDocument.Scalar(workflow.Step("arch", "arch-targets"), "run");
        var build = workflow.Job("build");

        Assert.That(tools, Does.StartWith("./build.sh Tools --arch ${{ matrix.arch }}"));
        Assert.That(WorkflowDocument.Scalar(build, "needs"), Is.EqualTo("arch"));
        Assert.That(build.Children.ContainsKey("strategy"), Is.False);
        Assert.That(Runs(workflow, "build"), Does.Contain("./build.sh Dist --arch x86_64 aarch64 --require-tools-cache-hit"));
    }

    [Test]
    public void A_leg_whose_entry_was_restored_must_not_compile_and_a_leg_that_missed_compiles()
    {
        var run = WorkflowDocument.Scalar(WorkflowDocument.Generate(SampleBuild.BuildWorkflow()).Step("arch", "arch-targets"), "run")!;

        Assert.That(run, Is.EqualTo("./build.sh Tools --arch ${{ matrix.arch }}"
            + "${{ steps.cache.outputs.cache-hit == 'true' && ' --require-tools-cache-hit' || '' }}"));
    }

    [Test]
    public void Arch_cache_is_keyed_by_arch_and_the_builds_own_fingerprint()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var fingerprint = workflow.Step("arch", "cache-key");
        var cache = workflow.Step("arch", "cache");
        var inputs = WorkflowDocument.Mapping(cache, "with");

        Assert.That(WorkflowDocument.Scalar(fingerprint, "run"), Is.EqualTo("./build.sh ToolsFingerprint --arch ${{ matrix.arch }}"));
        Assert.That(WorkflowDocument.Scalar(cache, "uses"), Is.EqualTo(PinnedActions.CacheRestore.Reference));
        Assert.That(WorkflowDocument.Scalar(inputs, "key"), Is.EqualTo("tools-${{ matrix.arch }}-${{ steps.cache-key.outputs.fingerprint }}"));
        Assert.That(WorkflowDocument.Scalar(inputs, "path"), Is.EqualTo("tools-cache/${{ matrix.arch }}\ntools-cache/sources\n"));
    }

    [Test]
    public void An_arch_leg_that_misses_restores_its_archs_newest_entry_by_prefix_and_the_assembling_job_only_exact_keys()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var leg = WorkflowDocument.Mapping(workflow.Step("arch", "cache"), "with");
        var assembling = workflow.Steps("build").Where(step => WorkflowDocument.Scalar(step, "uses") == PinnedActions.CacheRestore.Reference)
            .Select(step => WorkflowDocument.Mapping(step, "with")).ToList();

        Assert.That(WorkflowDocument.Scalar(leg, "restore-keys"), Is.EqualTo("tools-${{ matrix.arch }}-"));
        Assert.That(assembling, Has.Count.EqualTo(2));
        Assert.That(assembling.Select(inputs => WorkflowDocument.Scalar(inputs, "restore-keys")), Is.All.Null);
    }

    [Test]
    public void Arches_of_which_one_starts_the_others_cache_keys_are_refused_naming_both()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.Matrix = ["x86_64:ubuntu-24.04", "x86_64-v3:ubuntu-24.04"];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("Matrix").And.Contain("\"x86_64\"").And.Contain("\"x86_64-v3\"").And.Contain("\"tools-x86_64-\""));
    }

    [Test]
    public void Key_is_computed_before_the_restore_and_the_entry_is_restored_before_the_targets_and_saved_after()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());
        var steps = workflow.Steps("arch").ToList();

        var order = new[]
        {
            steps.IndexOf(workflow.Step("arch", "cache-key")),
            steps.IndexOf(workflow.Step("arch", "cache")),
            steps.IndexOf(workflow.Step("arch", "arch-targets")),
            steps.IndexOf(workflow.StepUsing("arch", PinnedActions.CacheSave)),
        };

        Assert.That(order, Is.Ordered.Ascending.And.Unique);
        Assert.That(order[0], Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Entry_is_saved_after_a_miss_even_when_the_targets_failed_and_a_failed_run_saves_under_a_partial_key()
    {
        var save = WorkflowDocument.Generate(SampleBuild.BuildWorkflow()).StepUsing("arch", PinnedActions.CacheSave);
        var key = WorkflowDocument.Scalar(WorkflowDocument.Mapping(save, "with"), "key")!;

        Assert.That(WorkflowDocument.Scalar(save, "if"), Is.EqualTo("always() && steps.cache.outputs.cache-hit != 'true'"));
        Assert.That(key, Is.EqualTo("tools-${{ matrix.arch }}-${{ steps.cache-key.outputs.fingerprint }}"
            + "${{ steps.arch-targets.outcome != 'success' && format('-partial-{0}', github.run_id) || '' }}"));
    }

    [TestCase("build")]
    [TestCase("release")]
    public void Assembling_job_restores_exactly_the_keys_and_paths_each_arch_leg_saves(string name)
    {
        var workflow = WorkflowDocument.Generate(name == "build" ? SampleBuild.BuildWorkflow() : SampleBuild.ReleaseWorkflow());
        var saved = WorkflowDocument.Mapping(workflow.StepUsing("arch", PinnedActions.CacheSave), "with");
        var restores = workflow.Steps("build").Where(step => WorkflowDocument.Scalar(step, "uses") == PinnedActions.CacheRestore.Reference).ToList();

        // Expand both sides as the runner does, with a successful leg and one fingerprint per arch.
        var legs = workflow.MatrixInclude("arch").Select(entry => (
            Key: Expand(WorkflowDocument.Scalar(saved, "key")!, entry["arch"]),
            Path: Expand(WorkflowDocument.Scalar(saved, "path")!, entry["arch"])));
        var assembled = restores.Select(step => WorkflowDocument.Mapping(step, "with")).Select(inputs => (
            Key: Expand(WorkflowDocument.Scalar(inputs, "key")!, arch: null),
            Path: WorkflowDocument.Scalar(inputs, "path")!));

        Assert.That(assembled, Is.EqualTo(legs));
        Assert.That(legs.Select(leg => leg.Key), Is.EqualTo(new[] { $"tools-x86_64-{FingerprintValue}-x86_64", $"tools-aarch64-{FingerprintValue}-aarch64" }));
        Assert.That(restores.Select(step => WorkflowDocument.Scalar(WorkflowDocument.Mapping(step, "with"), "fail-on-cache-miss")), Has.All.EqualTo("true"));
    }

    [Test]
    public void No_step_passes_TOOLS_CACHE_HIT_which_nothing_reads()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        Assert.That(workflow.Text, Does.Not.Contain("TOOLS_CACHE_HIT"));
    }

    [Test]
    public void Checkout_leaves_no_credentials_in_the_clone()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow());

        var checkouts = new[] { "arch", "build" }.Select(job => workflow.StepUsing(job, PinnedActions.Checkout));

        Assert.That(checkouts.Select(step => WorkflowDocument.Scalar(WorkflowDocument.Mapping(step, "with"), "persist-credentials")),
            Has.All.EqualTo("false"));
    }

    [Test]
    public void A_new_push_to_a_pull_request_cancels_its_running_build_and_every_other_run_has_a_group_of_its_own()
    {
        var build = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());
        var release = WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow());

        var concurrency = WorkflowDocument.Mapping(build.Root, "concurrency");

        Assert.That(WorkflowDocument.Scalar(concurrency, "group"), Is.EqualTo("${{ github.workflow }}-${{ github.event.pull_request.number || github.run_id }}"));
        Assert.That(WorkflowDocument.Scalar(concurrency, "cancel-in-progress"), Is.EqualTo("true"));
        Assert.That(release.Root.Children.ContainsKey("concurrency"), Is.False);
    }

    [Test]
    public void Dotnet_is_set_up_from_global_json_before_anything_runs_the_build()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());
        var steps = workflow.Steps("build").ToList();

        var setup = workflow.StepUsing("build", PinnedActions.SetupDotnet);
        var firstBuildScript = steps.FindIndex(step => WorkflowDocument.Scalar(step, "run")?.StartsWith("./build.sh", StringComparison.Ordinal) == true);

        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(setup, "with"), "global-json-file"), Is.EqualTo("global.json"));
        Assert.That(steps.IndexOf(setup), Is.LessThan(firstBuildScript));
    }

    [Test]
    public void Dist_is_uploaded_once_by_the_assembling_job_and_a_missing_dist_fails_it()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var inputs = WorkflowDocument.Mapping(workflow.StepUsing("build", PinnedActions.UploadArtifact), "with");

        Assert.That(WorkflowDocument.Scalar(inputs, "path"), Is.EqualTo("dist/"));
        Assert.That(WorkflowDocument.Scalar(inputs, "name"), Is.EqualTo("build"));
        Assert.That(WorkflowDocument.Scalar(inputs, "if-no-files-found"), Is.EqualTo("error"));
        Assert.That(workflow.Steps("arch").Select(step => WorkflowDocument.Scalar(step, "uses")), Has.None.EqualTo(PinnedActions.UploadArtifact.Reference));
    }

    [TestCase("build")]
    [TestCase("release")]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment(string name)
    {
        var text = WorkflowGenerator.Generate(name == "build" ? SampleBuild.BuildWorkflow() : SampleBuild.ReleaseWorkflow(), SampleBuild.Model());

        var usesLines = text.Split('\n').Where(line => line.TrimStart(' ', '-').StartsWith("uses:", StringComparison.Ordinal)).ToList();

        Assert.That(usesLines, Is.Not.Empty);
        Assert.That(usesLines, Has.All.Match(PinnedUses()));
    }

    [Test]
    public void Build_workflow_token_only_reads_contents()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var permissions = WorkflowDocument.Mapping(workflow.Root, "permissions");

        Assert.That(permissions.Children.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString()),
            Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read" }));
        Assert.That(workflow.Text, Does.Not.Contain("write"));
    }

    [Test]
    public void Declared_write_scopes_are_granted_and_contents_stays_read_only()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.WritePermissions = [GitHubActionsPermission.PullRequests, GitHubActionsPermission.IdToken];

        var permissions = WorkflowDocument.Mapping(WorkflowDocument.Generate(attribute).Root, "permissions");

        Assert.That(permissions.Children.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString()),
            Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read", ["id-token"] = "write", ["pull-requests"] = "write" }));
    }

    [Test]
    public void Release_workflow_grants_contents_write_only_to_the_job_that_attaches_dist()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow());

        var release = workflow.Job("release");
        var attach = workflow.StepUsing("release", PinnedActions.GhRelease);

        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(workflow.Root, "permissions"), "contents"), Is.EqualTo("read"));
        Assert.That(workflow.Job("build").Children.ContainsKey("permissions"), Is.False);
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(release, "permissions"), "contents"), Is.EqualTo("write"));
        Assert.That(WorkflowDocument.Scalar(release, "needs"), Is.EqualTo("build"));
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(attach, "with"), "files"), Is.EqualTo("release/*"));
    }

    [Test]
    public void Release_job_attaches_the_one_artifact_the_assembling_job_uploaded()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow());

        var upload = WorkflowDocument.Mapping(workflow.StepUsing("build", PinnedActions.UploadArtifact), "with");
        var download = WorkflowDocument.Mapping(workflow.StepUsing("release", PinnedActions.DownloadArtifact), "with");
        var attach = WorkflowDocument.Mapping(workflow.StepUsing("release", PinnedActions.GhRelease), "with");

        Assert.That(WorkflowDocument.Scalar(download, "name"), Is.EqualTo(WorkflowDocument.Scalar(upload, "name")));
        Assert.That(WorkflowDocument.Scalar(attach, "files"), Is.EqualTo(WorkflowDocument.Scalar(download, "path") + "/*"));
    }

    [TestCase("v", "startsWith(github.ref, 'refs/tags/v')")]
    [TestCase("", "startsWith(github.ref, 'refs/tags/')")]
    public void Release_job_runs_only_for_tags_with_the_release_prefix(string prefix, string condition)
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.PublishRelease = true;
        attribute.ReleaseTagPrefix = prefix;

        var release = WorkflowDocument.Generate(attribute).Job("release");

        Assert.That(WorkflowDocument.Scalar(release, "if"), Is.EqualTo(condition));
    }

    [Test]
    public void A_release_tag_prefix_that_could_break_out_of_the_expression_is_refused_naming_it()
    {
        var attribute = SampleBuild.ReleaseWorkflow();
        attribute.ReleaseTagPrefix = "v') || true || ('";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("ReleaseTagPrefix"));
    }

    [Test]
    public void Imported_secrets_reach_the_build_step_as_environment_variables()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ImportSecrets = ["SIGNING_KEY"];

        var workflow = WorkflowDocument.Generate(attribute);

        var build = workflow.Steps("build").Single(step => WorkflowDocument.Scalar(step, "run")?.StartsWith("./build.sh Dist", StringComparison.Ordinal) == true);

        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(build, "env"), "SIGNING_KEY"), Is.EqualTo("${{ secrets.SIGNING_KEY }}"));
    }

    [Test]
    public void File_starts_with_a_header_naming_the_attribute_and_saying_not_to_edit()
    {
        var text = WorkflowGenerator.Generate(SampleBuild.ReleaseWorkflow(), SampleBuild.Model());

        var header = string.Join('\n', text.Split('\n').TakeWhile(line => line.StartsWith('#')));

        Assert.That(header, Does.Contain("[GitHubActions(\"release\")]").And.Contain("Do not edit").And.Contain(GeneratedFileMarker.Text));
    }

    [Test]
    public void Generating_twice_gives_identical_bytes()
    {
        var first = WorkflowGenerator.Generate(SampleBuild.ReleaseWorkflow(), SampleBuild.Model());
        var second = WorkflowGenerator.Generate(SampleBuild.ReleaseWorkflow(), SampleBuild.Model());

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Not.Contain("\r").And.EndWith("\n"));
    }

    [Test]
    public void Arch_targets_without_a_matrix_are_refused_naming_the_workflow_and_property()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.Matrix = [];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("[GitHubActions(\"build\")] ArchTargets"));
    }

    [Test]
    public void An_arch_leg_on_another_runner_kind_than_the_assembling_job_is_refused_naming_both()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04-arm"];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("Matrix").And.Contain("\"ubuntu-24.04-arm\"").And.Contain("RunsOn \"ubuntu-24.04\""));
    }

    [Test]
    public void A_release_from_a_matrix_without_an_assembling_job_is_refused()
    {
        var attribute = SampleBuild.ReleaseWorkflow();
        attribute.ArchTargets = [];
        attribute.ArchCacheKeyTarget = null;
        attribute.ArchCacheName = null;
        attribute.ArchCacheHitParameter = null;

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("PublishRelease").And.Contain("ArchTargets"));
    }

    [Test]
    public void A_cache_hit_parameter_that_is_not_a_boolean_parameter_is_refused_naming_it()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ArchCacheHitParameter = "Executor";

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("ArchCacheHitParameter \"Executor\""));
    }

    [Test]
    public void An_invoked_target_the_build_does_not_have_is_refused_naming_it()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.InvokedTargets = ["Dsit"];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("InvokedTargets").And.Contain("\"Dsit\""));
    }

    [Test]
    public void A_malformed_matrix_entry_is_refused_naming_it()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.Matrix = ["aarch64"];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("\"aarch64\"").And.Contain("arch:runner"));
    }

    private static IEnumerable<string> Runs(WorkflowDocument workflow, string jobId) =>
        workflow.Steps(jobId).Select(step => WorkflowDocument.Scalar(step, "run")).OfType<string>();

    /// <summary>
    /// What the runner makes of a key or path: the leg's arch, each arch's fingerprint (distinct per arch, as the build
    /// writes them), and a leg whose targets succeeded.
    /// </summary>
    private static string Expand(string expression, string? arch)
    {
        if (arch is not null)
            expression = expression
                .Replace("${{ matrix.arch }}", arch, StringComparison.Ordinal)
                .Replace("${{ steps.cache-key.outputs.fingerprint }}", $"{FingerprintValue}-{arch}", StringComparison.Ordinal);
        foreach (var each in new[] { "x86_64", "aarch64" })
            expression = expression.Replace($"${{{{ steps.cache-key.outputs.fingerprint-{each} }}}}", $"{FingerprintValue}-{each}", StringComparison.Ordinal);
        return expression.Replace(
            "${{ steps.arch-targets.outcome != 'success' && format('-partial-{0}', github.run_id) || '' }}", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"uses: [\w.-]+/[\w.-]+(/[\w.-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedUses();
}
