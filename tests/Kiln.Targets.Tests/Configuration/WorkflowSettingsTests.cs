using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>A build that describes its CI the way this repository's does: cached folders and a step environment from its parameters.</summary>
[GitHubActions("build", On = [GitHubActionsTrigger.Push], Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04"],
    ArchTargets = [nameof(Tools)], ArchCacheKeyTarget = nameof(ToolsFingerprint), ArchCacheName = "tools", InvokedTargets = [nameof(Dist)])]
internal abstract class CiDescribedBuild : KilnBuild
{
    [Parameter("Tools cache directory")]
    public AbsolutePath? ToolsCacheDir;

    public override string ParameterPrefix => "KILN";

    /// <summary>The parameter the CI description names for the remote cache's URL.</summary>
    protected abstract string RemoteCacheParameter { get; }

    public override GitHubActionsSettings WorkflowSettings => new()
    {
        ArchCachePaths = [(ToolsCacheDir ?? RootDirectory / "tools-cache") / GitHubActionsSettings.ArchPlaceholder],
        StepEnvironment = [GitHubActionsStepVariable.FromRepositoryVariable(RemoteCacheParameter)],
    };

    public Target ToolsFingerprint => _ => _.Executes(() => { });

    public Target Tools => _ => _.Executes(() => { });

    public Target Dist => _ => _.DependsOn(Tools).Executes(() => { });
}

internal sealed class RemoteCacheBuild : CiDescribedBuild
{
    [Parameter("Remote tools cache URL")]
    public string? RemoteCache;

    protected override string RemoteCacheParameter => nameof(RemoteCache);
}

/// <summary>The remote cache parameter renamed to RemoteCacheUrl while the CI description still names RemoteCache.</summary>
internal sealed class RenamedRemoteCacheBuild : CiDescribedBuild
{
    [Parameter("Remote tools cache URL")]
    public string? RemoteCacheUrl;

    protected override string RemoteCacheParameter => "RemoteCache";
}

public sealed class WorkflowSettingsTests
{
    [Test]
    public void Renaming_a_parameter_the_ci_description_names_fails_generation_naming_both()
    {
        var (exitCode, output) = BuildRun.Run(new RenamedRemoteCacheBuild(), b => ((CiDescribedBuild)b).Dist, "--generate-configuration");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("[GitHubActions(\"build\")] step environment (KilnBuild.WorkflowSettings.StepEnvironment)")
            .And.Contain("KILN_REMOTE_CACHE after the parameter \"RemoteCache\", which the build does not have"));
    }

    [Test]
    public void Setting_the_tools_cache_dir_variable_changes_the_folders_the_workflow_caches()
    {
        var root = BuildRun.NewRoot();
        var outside = Path.Combine(Path.GetTempPath(), "kiln-ci-cache-" + Guid.NewGuid().ToString("N"));

        var (defaultExit, defaultOutput) = BuildRun.Run(new RemoteCacheBuild(), b => ((CiDescribedBuild)b).Dist, new Dictionary<string, string>(),
            ["--generate-configuration"], root: root);
        var byDefault = File.ReadAllText(Path.Combine(root, ".github", "workflows", "build.yml"));
        var (movedExit, movedOutput) = BuildRun.Run(new RemoteCacheBuild(), b => ((CiDescribedBuild)b).Dist,
            new Dictionary<string, string> { ["KILN_TOOLS_CACHE_DIR"] = outside }, ["--generate-configuration"], root: root);
        var moved = File.ReadAllText(Path.Combine(root, ".github", "workflows", "build.yml"));

        Assert.That((defaultExit, movedExit), Is.EqualTo((0, 0)), defaultOutput + movedOutput);
        Assert.That(byDefault, Does.Contain("path: tools-cache/${{ matrix.arch }}"));
        Assert.That(moved, Does.Contain($"path: {outside}/${{{{ matrix.arch }}}}").And.Not.Contain("tools-cache/"));
    }
}
