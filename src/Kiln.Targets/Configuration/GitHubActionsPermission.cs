namespace Kiln.Targets;

/// <summary>A permission scope of the workflow token that a workflow may be granted write access to.</summary>
public enum GitHubActionsPermission
{
    Actions,
    Attestations,
    Checks,
    Contents,
    Deployments,
    IdToken,
    Issues,
    Packages,
    PullRequests,
    Statuses,
}
