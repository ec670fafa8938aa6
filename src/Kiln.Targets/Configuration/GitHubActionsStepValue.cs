namespace Kiln.Targets;

/// <summary>Where a <see cref="GitHubActionsStepVariable"/> takes its value from.</summary>
internal enum GitHubActionsStepValue
{
    RepositoryVariable,
    Secret,
    ByTrust,
}
