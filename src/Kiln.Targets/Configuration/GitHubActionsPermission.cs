namespace Kiln.Targets;

/// <summary>A permission scope of the workflow token that a workflow may be granted write access to.</summary>
public enum GitHubActionsPermission
{
    Actions,
    Checks,
    Contents,
    Deployments,
    Discussions,
    IdToken,
    Issues,
    Packages,
    Pages,
    PullRequests,
    RepositoryProjects,
    SecurityEvents,
    Statuses,
}
