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
    public void Each_arch_builds_natively_on_its_own_runner()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var include = workflow.MatrixInclude("build");

        Assert.That(include.Select(entry => (entry["arch"], entry["runner"])),
            Is.EqualTo(new[] { ("x86_64", "ubuntu-24.04"), ("aarch64", "ubuntu-24.04-arm") }));
        Assert.That(WorkflowDocument.Scalar(workflow.Job("build"), "runs-on"), Is.EqualTo("${{ matrix.runner }}"));
    }

    [Test]
    public void Build_step_runs_the_invoked_targets_for_the_job_arch()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var runs = workflow.Steps("build").Select(step => WorkflowDocument.Scalar(step, "run")).OfType<string>();

        Assert.That(runs, Does.Contain("./build.sh Dist --arch ${{ matrix.arch }}"));
    }

    [Test]
    public void Tools_cache_is_keyed_by_arch_and_the_builds_own_fingerprint_without_restore_keys()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var fingerprint = workflow.Step("build", "tools-fingerprint");
        var cache = workflow.Step("build", "tools-cache");
        var inputs = WorkflowDocument.Mapping(cache, "with");

        Assert.That(WorkflowDocument.Scalar(fingerprint, "run"), Is.EqualTo("./build.sh ToolsFingerprint --arch ${{ matrix.arch }}"));
        Assert.That(WorkflowDocument.Scalar(cache, "uses"), Is.EqualTo(PinnedActions.Cache.Reference));
        Assert.That(WorkflowDocument.Scalar(inputs, "key"), Is.EqualTo("tools-${{ matrix.arch }}-${{ steps.tools-fingerprint.outputs.fingerprint }}"));
        Assert.That(WorkflowDocument.Scalar(inputs, "path"), Is.EqualTo("tools-cache/${{ matrix.arch }}"));
        Assert.That(inputs.Children.ContainsKey("restore-keys"), Is.False);
        Assert.That(workflow.Text, Does.Not.Contain("restore-keys"));
    }

    [Test]
    public void Fingerprint_is_computed_before_the_cache_step_and_the_cache_is_restored_before_the_build()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());
        var steps = workflow.Steps("build").ToList();

        var fingerprint = steps.IndexOf(workflow.Step("build", "tools-fingerprint"));
        var cache = steps.IndexOf(workflow.Step("build", "tools-cache"));
        var build = steps.FindIndex(step => WorkflowDocument.Scalar(step, "run")?.StartsWith("./build.sh Dist", StringComparison.Ordinal) == true);

        Assert.That(new[] { fingerprint, cache, build }, Is.Ordered.Ascending.And.Unique);
    }

    [TestCase("build")]
    [TestCase("release")]
    public void Arch_jobs_have_different_cache_keys_and_neither_can_restore_the_others_entry(string name)
    {
        var attribute = name == "build" ? SampleBuild.BuildWorkflow() : SampleBuild.ReleaseWorkflow();
        var workflow = WorkflowDocument.Generate(attribute);
        var inputs = WorkflowDocument.Mapping(workflow.Step("build", "tools-cache"), "with");

        // Expand the matrix as the runner does, with the same fingerprint on both legs: the arch alone must separate them.
        var legs = workflow.MatrixInclude("build").Select(entry => new
        {
            Arch = entry["arch"],
            Key = Expand(WorkflowDocument.Scalar(inputs, "key")!, entry["arch"]),
            Path = Expand(WorkflowDocument.Scalar(inputs, "path")!, entry["arch"]),
        }).ToList();
        var x86 = legs.Single(leg => leg.Arch == "x86_64");
        var arm = legs.Single(leg => leg.Arch == "aarch64");

        Assert.That(x86.Key, Is.EqualTo($"tools-x86_64-{FingerprintValue}"));
        Assert.That(arm.Key, Is.EqualTo($"tools-aarch64-{FingerprintValue}"));
        Assert.That(x86.Path, Is.Not.EqualTo(arm.Path));
        // Without restore-keys actions/cache restores only on an exact key match, so differing keys mean no cross restore.
        Assert.That(inputs.Children.ContainsKey("restore-keys"), Is.False);
        Assert.That(x86.Key, Is.Not.EqualTo(arm.Key));
    }

    [Test]
    public void Build_step_receives_TOOLS_CACHE_HIT_from_the_cache_step()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var build = workflow.Steps("build").Single(step => WorkflowDocument.Scalar(step, "run")?.StartsWith("./build.sh Dist", StringComparison.Ordinal) == true);

        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(build, "env"), "TOOLS_CACHE_HIT"),
            Is.EqualTo("${{ steps.tools-cache.outputs.cache-hit }}"));
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
    public void Dist_is_uploaded_per_arch_and_a_missing_dist_fails_the_job()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.BuildWorkflow());

        var inputs = WorkflowDocument.Mapping(workflow.StepUsing("build", PinnedActions.UploadArtifact), "with");

        Assert.That(WorkflowDocument.Scalar(inputs, "path"), Is.EqualTo("dist/"));
        Assert.That(WorkflowDocument.Scalar(inputs, "name"), Does.Contain("${{ matrix.arch }}"));
        Assert.That(WorkflowDocument.Scalar(inputs, "if-no-files-found"), Is.EqualTo("error"));
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
        Assert.That(WorkflowDocument.Scalar(WorkflowDocument.Mapping(attach, "with"), "files"), Is.EqualTo("dist/*"));
    }

    [Test]
    public void Release_job_attaches_the_dist_of_one_arch_so_release_assets_never_collide()
    {
        var workflow = WorkflowDocument.Generate(SampleBuild.ReleaseWorkflow());

        var keep = workflow.Steps("build").Single(step => WorkflowDocument.Scalar(step, "name") == "Keep dist/ for the release");
        var download = WorkflowDocument.Mapping(workflow.StepUsing("release", PinnedActions.DownloadArtifact), "with");

        Assert.That(WorkflowDocument.Scalar(keep, "if"), Is.EqualTo("matrix.arch == 'x86_64'"));
        Assert.That(WorkflowDocument.Scalar(download, "name"), Is.EqualTo(WorkflowDocument.Scalar(WorkflowDocument.Mapping(keep, "with"), "name")));
        Assert.That(WorkflowDocument.Scalar(download, "path"), Is.EqualTo("dist"));
    }

    [Test]
    public void Imported_secrets_reach_the_build_step_as_environment_variables()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.ImportSecrets = ["SIGNING_KEY"];

        var build = WorkflowDocument.Generate(attribute).Steps("build").Single(step => WorkflowDocument.Scalar(step, "run")?.StartsWith("./build.sh Dist", StringComparison.Ordinal) == true);

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
    public void Tools_cache_without_a_matrix_is_refused_naming_the_workflow_and_property()
    {
        var attribute = SampleBuild.BuildWorkflow();
        attribute.Matrix = [];

        var error = Assert.Throws<InvalidBuildConfigurationException>(() => WorkflowGenerator.Generate(attribute, SampleBuild.Model()));

        Assert.That(error!.Message, Does.Contain("[GitHubActions(\"build\")]").And.Contain("ToolsCache"));
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

    private static string Expand(string expression, string arch) => expression
        .Replace("${{ matrix.arch }}", arch, StringComparison.Ordinal)
        .Replace("${{ steps.tools-fingerprint.outputs.fingerprint }}", FingerprintValue, StringComparison.Ordinal);

    [GeneratedRegex(@"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedUses();
}
