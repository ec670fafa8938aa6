namespace Kiln.Targets.Configuration;

/// <summary>An action pinned to a full commit SHA: a tag can be moved, a commit cannot.</summary>
internal sealed record PinnedAction(string Repository, string CommitSha, string Version)
{
    public string Reference => $"{Repository}@{CommitSha}";
}
