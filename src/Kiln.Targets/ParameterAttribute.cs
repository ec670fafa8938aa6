namespace Kiln.Targets;

/// <summary>
/// A build input, filled from <c>--kebab-case</c> arguments, then environment variables, then <c>.nuke/parameters.json</c>
/// (or <c>parameters.NAME.json</c> with <c>--profile</c>). A variable names the parameter in any case and separators:
/// exactly (<c>ToolsCacheDir</c>) first, then with the build's <see cref="KilnBuild.ParameterPrefix"/> (<c>KILN_TOOLS_CACHE_DIR</c>
/// when the build chooses <c>KILN</c>), then bare (<c>TOOLS_CACHE_DIR</c>) or with NUKE's <c>NUKE_</c>; an empty one counts as unset.
/// Components name a parameter through <see cref="KilnBuild.ParameterNamed"/>, never by spelling its flag.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;

    /// <summary>The parameter's name when it cannot be the member's, e.g. <c>Tools</c> beside a target called Tools.</summary>
    public string? Name { get; init; }
}
