using Kiln.Targets;

namespace Kiln.Caching.Remote;

/// <summary>
/// The remote cache's parameters as the build names them, and every name spelled after them: the variables of the
/// write token, the read-only token and the signing key, the flag in messages, and the environment CI gives the build.
/// Deriving them all here from the parameters means a renamed parameter renames them, and a CI description left naming
/// the old one fails generation.
/// </summary>
/// <param name="Url">The parameter holding the cache's URL, e.g. <c>--remote-cache</c> / <c>KILN_REMOTE_CACHE</c>.</param>
/// <param name="Mode">The parameter holding the <see cref="RemoteCacheMode"/>.</param>
internal sealed record RemoteCacheParameters(ParameterName Url, ParameterName Mode)
{
    private const string TokenSuffix = "_TOKEN";
    private const string ReadTokenSuffix = "_READ_TOKEN";
    private const string SigningKeySuffix = "_SIGNING_KEY";

    /// <summary>The token and the key come only from the environment, so they never reach a command line, a parameters file or a log.</summary>
    public string TokenVariable => Url.EnvironmentVariable + TokenSuffix;

    /// <summary>A token the server accepts for GET and HEAD only: what a pull request's build gets, so the server refuses its writes too.</summary>
    public string ReadTokenVariable => Url.EnvironmentVariable + ReadTokenSuffix;

    /// <summary>
    /// The variable that held the HMAC key of Kiln's former entry signing: a deprecated alias of
    /// <see cref="Signing.SigningKey.EnvironmentVariable"/>, read with a warning (<see cref="Signing.BuildKeys"/>).
    /// </summary>
    public string DeprecatedSigningKeyVariable => Url.EnvironmentVariable + SigningKeySuffix;

    /// <summary>How messages name the URL's parameter: <c>--remote-cache (KILN_REMOTE_CACHE)</c>.</summary>
    public string UrlDisplayName => $"{Url.Option} ({Url.EnvironmentVariable})";

    /// <summary>
    /// Every step that runs targets gets the URL and the read token from the repository's settings of the same names, and
    /// a mode that lets only a trusted run write; only a trusted run gets the write token. A pull request runs code its
    /// author controls: were its build allowed to write, it could plant an entry that every later build restores, and the
    /// read-only mode alone is code that pull request can edit, so the server must refuse its token's writes as well.
    /// </summary>
    public IReadOnlyList<GitHubActionsStepVariable> WorkflowEnvironment =>
    [
        GitHubActionsStepVariable.FromRepositoryVariable(Url.Name),
        GitHubActionsStepVariable.FromSecret(Url.Name, TokenSuffix).AsWriteCredential(),
        GitHubActionsStepVariable.FromSecret(Url.Name, ReadTokenSuffix),
        GitHubActionsStepVariable.ByTrust(Mode.Name, trusted: "read-write", untrusted: "read"),
    ];
}
