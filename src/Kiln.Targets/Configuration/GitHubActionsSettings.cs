using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>
/// The parts of the generated workflows that follow the bound build, its parameters' names and values, which
/// <see cref="GitHubActionsAttribute"/> cannot hold: an attribute takes only constants, so it would restate them.
/// </summary>
public sealed record GitHubActionsSettings
{
    /// <summary>What stands for the arch in <see cref="ArchCachePaths"/>.</summary>
    public const string ArchPlaceholder = "{arch}";

    /// <summary>
    /// The folders an arch cache entry holds (see <see cref="GitHubActionsAttribute.ArchCacheKeyTarget"/>);
    /// <see cref="ArchPlaceholder"/> stands for the arch, and a <c>*</c> in the last name matches folders as actions/cache
    /// globs do (<c>tools-cache/{arch}.*</c>). A folder under the root is written relative to it, as the workflow's
    /// checkout puts it there. An arch leg that misses its key restores the arch's newest entry by prefix, so these
    /// folders should hold entries the build verifies by their own keys, never outputs it trusts as they are.
    /// </summary>
    public IReadOnlyList<AbsolutePath> ArchCachePaths { get; init; } = [];

    /// <summary>The environment of every step that runs targets, beside <see cref="GitHubActionsAttribute.ImportSecrets"/>.</summary>
    public IReadOnlyList<GitHubActionsStepVariable> StepEnvironment { get; init; } = [];
}
