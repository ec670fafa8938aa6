namespace Kiln.Targets;

/// <summary>
/// Declares a GitHub Actions workflow generated into <c>.github/workflows/&lt;name&gt;.yml</c> from the build class,
/// so CI can never drift from the build code.
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

    /// <summary>The runner of the job when there is no <see cref="Matrix"/>, and of the release job.</summary>
    public string RunsOn { get; set; } = "ubuntu-24.04";

    /// <summary>
    /// One job per target architecture, each on its own runner, as <c>"arch:runner"</c>
    /// (<c>"aarch64:ubuntu-24.04-arm"</c>). The build step receives <c>--arch &lt;arch&gt;</c>.
    /// </summary>
    public string[] Matrix { get; set; } = [];

    /// <summary>
    /// Restores and saves <c>tools-cache/&lt;arch&gt;</c> keyed by <c>./build.sh ToolsFingerprint</c>, never by a
    /// prefix, so an entry of one architecture is never restored for another. Needs a <see cref="Matrix"/>.
    /// </summary>
    public bool ToolsCache { get; set; }

    /// <summary>
    /// Attaches <c>dist/*</c> of the <see cref="ReleaseArch"/> job to the GitHub release of the pushed tag, from
    /// a separate job that alone gets <c>contents: write</c>.
    /// </summary>
    public bool PublishRelease { get; set; }

    /// <summary>The matrix arch whose <c>dist/</c> is released; the first matrix entry when null.</summary>
    public string? ReleaseArch { get; set; }

    /// <summary>Scopes granted write access in the build job; every other scope stays at <c>contents: read</c> or none.</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];
}
