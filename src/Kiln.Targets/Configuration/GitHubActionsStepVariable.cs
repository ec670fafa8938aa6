namespace Kiln.Targets;

/// <summary>
/// A variable of the steps that run targets, named after a parameter of the build (its environment spelling, then
/// <see cref="Suffix"/>), so renaming or removing the parameter fails workflow generation instead of setting a variable
/// nobody reads. Its value comes from the repository's settings of the same name, or from how far the run is trusted:
/// a push to the default branch or of a release tag is trusted; a pull request runs code its author controls, and
/// another branch or a manual run is treated alike.
/// </summary>
public sealed record GitHubActionsStepVariable
{
    private GitHubActionsStepVariable(string parameter, string suffix, GitHubActionsStepValue value)
    {
        Parameter = parameter;
        Suffix = suffix;
        Value = value;
    }

    /// <summary>
    /// The name of the parameter the variable is named after, e.g. <c>RemoteCache</c>; for a
    /// <see cref="FromBuildSecret">secret of the build</see>, the name spelled as a parameter of that name would be.
    /// </summary>
    public string Parameter { get; }

    /// <summary>Appended to the parameter's variable, for a value that belongs to it without being a parameter, e.g. <c>_TOKEN</c>.</summary>
    public string Suffix { get; }

    /// <summary>Untrusted runs get an empty value, which sets nothing: e.g. a token only a trusted run may write with.</summary>
    public bool TrustedOnly { get; init; }

    /// <summary>
    /// The value lets its holder change what later runs trust (a write token, a signing key). Generation refuses one that
    /// is not <see cref="TrustedOnly"/> in a workflow that runs for pull requests: see <see cref="AsWriteCredential"/>.
    /// </summary>
    public bool WriteCredential { get; init; }

    internal GitHubActionsStepValue Value { get; }

    /// <summary>False for a <see cref="FromBuildSecret">secret of the build</see>, which no parameter has to exist for.</summary>
    internal bool NamedAfterParameter { get; private init; } = true;

    internal string? TrustedText { get; private init; }

    internal string? UntrustedText { get; private init; }

    /// <summary>The repository variable of the variable's own name; an unset one reads as empty, which sets no parameter.</summary>
    public static GitHubActionsStepVariable FromRepositoryVariable(string parameter, string suffix = "") =>
        new(parameter, suffix, GitHubActionsStepValue.RepositoryVariable);

    /// <summary>The repository secret of the variable's own name.</summary>
    public static GitHubActionsStepVariable FromSecret(string parameter, string suffix = "") =>
        new(parameter, suffix, GitHubActionsStepValue.Secret);

    /// <summary>
    /// A repository secret that belongs to the build rather than to one parameter, named under the build's prefix as a
    /// parameter <paramref name="name"/> would be (<c>SigningKey</c>: <c>KILN_SIGNING_KEY</c>). It never is a parameter,
    /// so it reaches no command line or parameters file.
    /// </summary>
    public static GitHubActionsStepVariable FromBuildSecret(string name) =>
        new(name, "", GitHubActionsStepValue.Secret) { NamedAfterParameter = false };

    /// <summary><paramref name="trusted"/> for a trusted run, <paramref name="untrusted"/> for every other.</summary>
    public static GitHubActionsStepVariable ByTrust(string parameter, string trusted, string untrusted) =>
        new(parameter, "", GitHubActionsStepValue.ByTrust) { TrustedText = trusted, UntrustedText = untrusted };

    /// <summary>This variable as a <see cref="WriteCredential"/> that only trusted runs get.</summary>
    public GitHubActionsStepVariable AsWriteCredential() => this with { WriteCredential = true, TrustedOnly = true };
}
