using Kiln.Targets.Configuration;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>A build shaped like this repository's: the two workflows its Build class declares, and a few targets and parameters.</summary>
internal static class SampleBuild
{
    public static readonly string[] ArchMatrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04"];

    public const string TestResultsFolder = ".nuke/temp/test-results";

    public static GitHubActionsAttribute BuildWorkflow() => new("build")
    {
        On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
        Matrix = ArchMatrix,
        ArchTargets = ["Tools"],
        ArchCacheKeyTarget = "ToolsFingerprint",
        ArchCacheName = "tools",
        ArchCachePaths = ["tools-cache/{arch}", "tools-cache/sources"],
        ArchCacheHitParameter = "RequireToolsCacheHit",
        InvokedTargets = ["Dist"],
        PublishArtifacts = ["dist/"],
        TestTarget = "Test",
        TestResults = [TestResultsFolder],
        CacheKeyFiles = ["global.json", "**/*.csproj", "Directory.Packages.props"],
        TimeoutMinutes = 60,
    };

    public static GitHubActionsAttribute ReleaseWorkflow() => new("release")
    {
        OnPushTags = ["v*"],
        Matrix = ArchMatrix,
        ArchTargets = ["Tools"],
        ArchCacheKeyTarget = "ToolsFingerprint",
        ArchCacheName = "tools",
        ArchCachePaths = ["tools-cache/{arch}", "tools-cache/sources"],
        ArchCacheHitParameter = "RequireToolsCacheHit",
        InvokedTargets = ["Dist"],
        PublishArtifacts = ["dist/"],
        PublishRelease = true,
        TimeoutMinutes = 60,
    };

    /// <summary>The build workflow with a release, as this repository's build declares it.</summary>
    public static GitHubActionsAttribute ReleasingBuildWorkflow()
    {
        var workflow = BuildWorkflow();
        workflow.PublishRelease = true;
        return workflow;
    }

    /// <summary>The remote tools cache as this repository's build declares it.</summary>
    public static GitHubActionsAttribute WithRemoteCache(GitHubActionsAttribute workflow)
    {
        workflow.RemoteCacheUrlVariable = "KILN_REMOTE_CACHE";
        workflow.RemoteCacheTokenSecret = "KILN_REMOTE_CACHE_TOKEN";
        workflow.RemoteCacheSigningKeySecret = "KILN_REMOTE_CACHE_SIGNING_KEY";
        return workflow;
    }

    public static BuildModel Model(params GitHubActionsAttribute[] workflows) => new(
        Targets:
        [
            new TargetModel("Restore", "Restores NuGet packages", Listed: true, []),
            new TargetModel("Compile", "Compiles the product", Listed: true, ["Restore"]),
            new TargetModel("Test", "Runs the tests", Listed: true, ["Compile"]),
            new TargetModel("ToolsFingerprint", "Prints the tools cache keys", Listed: true, []),
            new TargetModel("ToolsCache", null, Listed: false, []),
            new TargetModel("Tools", "Compiles the native tools", Listed: true, ["ToolsCache"]),
            new TargetModel("Dist", "Writes the release to dist/", Listed: true, ["Compile", "Tools"]),
        ],
        Parameters:
        [
            new ParameterModel("ToolsCacheDir", "tools-cache-dir", "Where tools cache entries live", ParameterKind.Path, []),
            new ParameterModel("RequireToolsCacheHit", "require-tools-cache-hit", "Fail when the tools cache misses", ParameterKind.Boolean, []),
            new ParameterModel("SkipToolsCache", "skip-tools-cache", "Rebuild the tools even on a cache hit", ParameterKind.Boolean, []),
            new ParameterModel("Executor", "executor", "Where tools compile", ParameterKind.Enum, ["auto", "docker", "local"]),
            new ParameterModel("Arch", "arch", "Target architectures", ParameterKind.StringArray, []),
            new ParameterModel("Jobs", "jobs", "Parallel compile jobs", ParameterKind.Integer, []),
        ],
        Workflows: workflows.Length > 0 ? workflows : [BuildWorkflow(), ReleaseWorkflow()],
        DefaultTarget: "Dist");

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "kiln-configuration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
