namespace Kiln.Targets;

/// <summary>
/// Declares a GitHub Actions workflow generated into <c>.github/workflows/&lt;name&gt;.yml</c> from the build class,
/// so CI can never drift from the build code. It describes CI in terms of any build: triggers, jobs per arch, an arch
/// cache around them, artifacts, a release and a test job. What follows the build's parameters (the folders the arch
/// cache holds, the environment steps get from the repository's variables and secrets, and which runs are trusted with
/// each) comes from the bound build's <see cref="KilnBuild.WorkflowSettings"/>, which an attribute's constants cannot restate.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public GitHubActionsTrigger[] On { get; set; } = [];

    /// <summary>Implies <see cref="GitHubActionsTrigger.Push"/>.</summary>
    public string[] OnPushBranches { get; set; } = [];

    /// <summary>Implies <see cref="GitHubActionsTrigger.Push"/>.</summary>
    public string[] OnPushTags { get; set; } = [];

    /// <summary>Implies <see cref="GitHubActionsTrigger.PullRequest"/>.</summary>
    public string[] OnPullRequestBranches { get; set; } = [];

    /// <summary>The targets <c>./build.sh</c> runs; the build's default target when empty.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Repository secrets passed to the build step as environment variables of the same name.</summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>Commits fetched by checkout; 0 fetches the whole history.</summary>
    public int FetchDepth { get; set; }

    /// <summary>0 keeps GitHub's default.</summary>
    public int TimeoutMinutes { get; set; }

    /// <summary>Paths uploaded with <c>actions/upload-artifact</c> after the build.</summary>
    public string[] PublishArtifacts { get; set; } = [];

    /// <summary>Globs whose hash keys a cache of <c>~/.nuget/packages</c>; no NuGet cache when empty.</summary>
    public string[] CacheKeyFiles { get; set; } = [];

    /// <summary>The runner of every job that is not a matrix leg: the single build job, the assembling job, the release job.</summary>
    public string RunsOn { get; set; } = "ubuntu-24.04";

    /// <summary>
    /// One leg per target architecture, as <c>"arch:runner"</c> (<c>"aarch64:ubuntu-24.04"</c>). Without
    /// <see cref="ArchTargets"/> each leg runs the invoked targets with <c>--arch &lt;arch&gt;</c>.
    /// </summary>
    public string[] Matrix { get; set; } = [];

    /// <summary>
    /// Targets each <see cref="Matrix"/> leg runs for its arch, in a job of its own; then ONE job, which needs them all,
    /// runs the invoked targets for every arch, so a single job writes (and releases) the complete output.
    /// </summary>
    public string[] ArchTargets { get; set; } = [];

    /// <summary>
    /// A target that writes each arch's cache key to <c>GITHUB_OUTPUT</c>: <c>fingerprint-&lt;arch&gt;</c> for every
    /// <c>--arch</c>, and <c>fingerprint</c> when there is one. Each arch leg restores the build's
    /// <see cref="GitHubActionsSettings.ArchCachePaths"/> under
    /// <c>&lt;ArchCacheName&gt;-&lt;arch&gt;-&lt;fingerprint&gt;</c> before its <see cref="ArchTargets"/> and saves them after
    /// a miss, even when the targets failed; the assembling job restores every arch's entry. No cache when null.
    /// </summary>
    public string? ArchCacheKeyTarget { get; set; }

    /// <summary>The first word of every arch cache key, e.g. <c>tools</c>.</summary>
    public string? ArchCacheName { get; set; }

    /// <summary>
    /// A boolean parameter passed to the build whenever the arch cache entries were restored (e.g.
    /// <c>RequireToolsCacheHit</c>), so the build fails rather than silently rebuilding what the entry should hold.
    /// </summary>
    public string? ArchCacheHitParameter { get; set; }

    /// <summary>
    /// Attaches what the build job uploaded (<see cref="PublishArtifacts"/>) to the GitHub release of a pushed tag that
    /// starts with <see cref="ReleaseTagPrefix"/>, from a separate job that alone gets <c>contents: write</c>. With a
    /// <see cref="Matrix"/> it needs <see cref="ArchTargets"/>: a release comes from the one job that built every arch.
    /// </summary>
    public bool PublishRelease { get; set; }

    /// <summary>
    /// The release job also has GitHub attest the build provenance of every file it attaches
    /// (<c>actions/attest-build-provenance</c>, verifiable with <c>gh attestation verify</c>); that job alone is granted
    /// <c>id-token: write</c> and <c>attestations: write</c> for it. Needs <see cref="PublishRelease"/>.
    /// </summary>
    public bool AttestRelease { get; set; }

    /// <summary>
    /// The tags that are releases; empty releases every pushed tag. A push of one is a trusted run, as a push to the
    /// default branch is: its build gets the write credentials of the step environment, to sign the release.
    /// </summary>
    public string ReleaseTagPrefix { get; set; } = "v";

    /// <summary>
    /// A target run by a job of its own, <c>test</c>, on <see cref="RunsOn"/>, on every trigger of the workflow and beside the
    /// build; the release job needs it too, so nothing is published unless it passed. No test job when null.
    /// </summary>
    public string? TestTarget { get; set; }

    /// <summary>
    /// Folders the test job uploads as the <c>test-results</c> artifact after <see cref="TestTarget"/>, also when it failed,
    /// so a failure can be read from the files the test run wrote.
    /// </summary>
    public string[] TestResults { get; set; } = [];

    /// <summary>Scopes granted write access in the build job; every other scope stays at <c>contents: read</c> or none.</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];
}
