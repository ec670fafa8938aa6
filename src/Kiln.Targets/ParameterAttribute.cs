namespace Kiln.Targets;

/// <summary>
/// A build input, filled from <c>--kebab-case</c> arguments, then environment variables (the member's name, any case and
/// separators, optionally prefixed <c>KILN_</c>, or <c>NUKE_</c> as NUKE builds spell it), then <c>.nuke/parameters.json</c> (or <c>parameters.NAME.json</c> with <c>--profile</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;

    /// <summary>The parameter's name when it cannot be the member's, e.g. <c>Tools</c> beside a target called Tools.</summary>
    public string? Name { get; init; }
}
