namespace Kiln.Targets;

public enum GitHubActionsTrigger
{
    Push,
    PullRequest,
    WorkflowDispatch,
}
