namespace Kiln.Targets.Configuration;

/// <summary>
/// The remote tools cache in CI: every step that runs targets gets the cache's URL, token and signing key from the
/// repository's settings, and a mode that lets only a push to the default branch write. A pull request runs code its
/// author controls; were its build allowed to write, it could plant an entry that every later build restores.
/// </summary>
internal static partial class WorkflowGenerator
{
    // What the build reads: the parameters RemoteCache and RemoteCacheMode under the project's prefix, and the two
    // secrets, which the cache takes from the environment only so they never reach a command line.
    private const string RemoteCacheUrlEnvironment = "KILN_REMOTE_CACHE";
    private const string RemoteCacheModeEnvironment = "KILN_REMOTE_CACHE_MODE";
    private const string RemoteCacheTokenEnvironment = "KILN_REMOTE_CACHE_TOKEN";
    private const string RemoteCacheSigningKeyEnvironment = "KILN_REMOTE_CACHE_SIGNING_KEY";

    private static readonly string[] RemoteCacheEnvironmentNames =
        [RemoteCacheUrlEnvironment, RemoteCacheModeEnvironment, RemoteCacheTokenEnvironment, RemoteCacheSigningKeyEnvironment];

    /// <summary>
    /// The event is tested as well as the ref, so read-write never rests on a pull request's ref happening not to look
    /// like a branch; a tag, another branch and a manual run all read.
    /// </summary>
    private const string RemoteCacheModeExpression =
        "${{ github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch) && 'read-write' || 'read' }}";

    private static IEnumerable<(string Name, string Value)> RemoteCacheEnvironment(GitHubActionsAttribute workflow)
    {
        if (workflow.RemoteCacheUrlVariable is not { } url)
            yield break;
        yield return (RemoteCacheUrlEnvironment, VariableExpression(url));
        yield return (RemoteCacheModeEnvironment, RemoteCacheModeExpression);
        yield return (RemoteCacheTokenEnvironment, SecretExpression(workflow.RemoteCacheTokenSecret!));
        if (workflow.RemoteCacheSigningKeySecret is { } signingKey)
            yield return (RemoteCacheSigningKeyEnvironment, SecretExpression(signingKey));
    }

    /// <summary>Every problem of the remote cache properties, so one run names every fix.</summary>
    private static IEnumerable<string> RemoteCacheErrors(GitHubActionsAttribute workflow, Func<string, string> at)
    {
        if (workflow.RemoteCacheUrlVariable is null)
        {
            if (workflow.RemoteCacheTokenSecret is not null || workflow.RemoteCacheSigningKeySecret is not null)
                yield return $"{at(nameof(GitHubActionsAttribute.RemoteCacheUrlVariable))} is not set, so RemoteCacheTokenSecret and RemoteCacheSigningKeySecret would do nothing.";
            yield break;
        }
        // Without a token the server cannot tell a trusted push from a pull request, and the read-only mode would be a request.
        if (workflow.RemoteCacheTokenSecret is null)
            yield return $"{at(nameof(GitHubActionsAttribute.RemoteCacheTokenSecret))} is not set: the remote cache needs the secret that holds its bearer token.";

        var names = new (string Property, string? Name)[]
        {
            (nameof(GitHubActionsAttribute.RemoteCacheUrlVariable), workflow.RemoteCacheUrlVariable),
            (nameof(GitHubActionsAttribute.RemoteCacheTokenSecret), workflow.RemoteCacheTokenSecret),
            (nameof(GitHubActionsAttribute.RemoteCacheSigningKeySecret), workflow.RemoteCacheSigningKeySecret),
        };
        foreach (var (property, name) in names.Where(setting => setting.Name is not null && !IsSettingName(setting.Name)))
            yield return $"{at(property)} is \"{name}\"; a GitHub variable or secret name is letters, digits and '_', "
                + "starts with no digit and not with GITHUB_.";
        foreach (var secret in workflow.ImportSecrets.Where(RemoteCacheEnvironmentNames.Contains).Distinct())
            yield return $"{at(nameof(GitHubActionsAttribute.ImportSecrets))} entry \"{secret}\" is a variable the remote cache "
                + "properties set; name its secret in RemoteCacheTokenSecret or RemoteCacheSigningKeySecret instead.";
    }

    /// <summary>GitHub's rule for the names of repository variables and secrets.</summary>
    private static bool IsSettingName(string name) =>
        EnvironmentVariableName().IsMatch(name) && !name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase);
}
