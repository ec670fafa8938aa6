namespace Kiln.Targets.Configuration;

/// <summary>An action pinned to a full commit SHA: a tag can be moved, a commit cannot.</summary>
/// <param name="Path">A sub-action inside the repository (<c>restore</c> of <c>actions/cache</c>); null for the repository's own action.</param>
internal sealed record PinnedAction(string Repository, string CommitSha, string Version, string? Path = null)
{
    public string Reference => Path is null ? $"{Repository}@{CommitSha}" : $"{Repository}/{Path}@{CommitSha}";

    /// <summary>A sub-action of the same repository, at the same commit.</summary>
    public PinnedAction SubAction(string path) => this with { Path = path };
}
