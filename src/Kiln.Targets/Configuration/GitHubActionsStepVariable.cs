namespace Kiln.Targets;

/// <summary>
/// A variable of the steps that run targets, named after a parameter of the build (its environment spelling, then
/// <see cref="Suffix"/>), so renaming or removing the parameter fails workflow generation instead of setting a variable
/// nobody reads. Its value comes from the repository's settings of the same name, or from how far the run is trusted:
/// a push to the default branch is trusted; a pull request runs code its author controls, and a tag, another branch or
/// a manual run is treated alike.
/// </summary>
public sealed record GitHubActionsStepVariable
{
    private GitHubActionsStepVariable(string parameter, string suffix, GitHubActionsStepValue value)
    {
        Parameter = parameter;
        Suffix = suffix;
        Value = value;
    }

    /// <summary>The name of the parameter the variable is named after, e.g. <c>RemoteCache</c>.</summary>
    public string Parameter { get; }

    /// <summary>Appended to the parameter's variable, for a value that belongs to it without being a parameter, e.g. <c>_TOKEN</c>.</summary>
    public string Suffix { get; }

    /// <summary>Untrusted runs get an empty value, which sets nothing: e.g. a token only a trusted run may write with.</summary>
    public bool TrustedOnly { get; init; }

    internal GitHubActionsStepValue Value { get; }

    internal string? TrustedText { get; private init; }

    internal string? UntrustedText { get; private init; }

    /// <summary>The repository variable of the variable's own name; an unset one reads as empty, which sets no parameter.</summary>
    public static GitHubActionsStepVariable FromRepositoryVariable(string parameter, string suffix = "") =>
        new(parameter, suffix, GitHubActionsStepValue.RepositoryVariable);

    /// <summary>The repository secret of the variable's own name.</summary>
    public static GitHubActionsStepVariable FromSecret(string parameter, string suffix = "") =>
        new(parameter, suffix, GitHubActionsStepValue.Secret);

    /// <summary><paramref name="trusted"/> for a trusted run, <paramref name="untrusted"/> for every other.</summary>
    public static GitHubActionsStepVariable ByTrust(string parameter, string trusted, string untrusted) =>
        new(parameter, "", GitHubActionsStepValue.ByTrust) { TrustedText = trusted, UntrustedText = untrusted };
}
