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

    /// <summary>
    /// The remote tools cache's step environment and the signing key as this repository's build declares them
    /// (RemoteCacheParameters, SigningKey.WorkflowVariable): the write token and the key are write credentials.
    /// </summary>
    public static readonly GitHubActionsStepVariable[] RemoteCacheEnvironment =
    [
        GitHubActionsStepVariable.FromRepositoryVariable("RemoteCache"),
        GitHubActionsStepVariable.FromSecret("RemoteCache", "_TOKEN").AsWriteCredential(),
        GitHubActionsStepVariable.FromSecret("RemoteCache", "_READ_TOKEN"),
        GitHubActionsStepVariable.ByTrust("RemoteCacheMode", "read-write", "read"),
        GitHubActionsStepVariable.FromBuildSecret("SigningKey").AsWriteCredential(),
    ];

    /// <summary><see cref="Model"/> with the remote tools cache in every step that runs targets.</summary>
    public static BuildModel RemoteCacheModel(params GitHubActionsAttribute[] workflows) =>
        Model(workflows) with { StepEnvironment = RemoteCacheEnvironment };

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
            new ParameterModel("RemoteCache", "remote-cache", "Remote tools cache URL", ParameterKind.String, []),
            new ParameterModel("RemoteCacheMode", "remote-cache-mode", "Remote tools cache mode", ParameterKind.Enum, ["read", "read-write"]),
        ],
        Workflows: workflows.Length > 0 ? workflows : [BuildWorkflow(), ReleaseWorkflow()],
        DefaultTarget: "Dist")
    {
        ParameterPrefix = "KILN",
        ArchCachePaths = ["tools-cache/{arch}", "tools-cache/sources"],
    };

    public static string TemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "kiln-configuration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
