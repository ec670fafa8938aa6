using Kiln.Targets.Parameters;

namespace Kiln.Targets;

/// <summary>
/// How a parameter of the build is spelled where a user gives it: build components name a parameter in messages and CI
/// descriptions through this, so renaming the parameter renames every mention and no library spells a flag itself.
/// </summary>
public sealed class ParameterName
{
    private readonly string? _prefix;

    /// <param name="name">The parameter's name, e.g. <c>ToolsCacheDir</c> (the member's, or <see cref="ParameterAttribute.Name"/>).</param>
    /// <param name="prefix">The build's <see cref="KilnBuild.ParameterPrefix"/>, or null for none.</param>
    public ParameterName(string name, string? prefix)
    {
        Name = name;
        _prefix = prefix;
    }

    public string Name { get; }

    /// <summary><c>--tools-cache-dir</c>.</summary>
    public string Option => "--" + ParameterNames.ToKebabCase(Name);

    /// <summary><c>KILN_TOOLS_CACHE_DIR</c> under the prefix <c>KILN</c>, <c>TOOLS_CACHE_DIR</c> without one.</summary>
    public string EnvironmentVariable => ParameterNames.EnvironmentVariable(_prefix, Name);

    public override string ToString() => Option;
}
