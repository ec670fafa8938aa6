namespace Kiln.Targets.Configuration;

/// <summary>
/// What the generators need to know about a build, filled by the target engine. Plain data, so the generators
/// never depend on how targets and parameters are declared.
/// </summary>
/// <param name="Targets">In declaration order.</param>
/// <param name="BuildProjectFile">Relative to the repository root, with forward slashes.</param>
internal sealed record BuildModel(
    IReadOnlyList<TargetModel> Targets,
    IReadOnlyList<ParameterModel> Parameters,
    IReadOnlyList<GitHubActionsAttribute> Workflows,
    string? DefaultTarget,
    string BuildProjectFile = "build/_build.csproj")
{
    /// <summary>The build's <see cref="KilnBuild.ParameterPrefix"/>, which the step environment's names start with.</summary>
    public string? ParameterPrefix { get; init; }

    /// <summary><see cref="GitHubActionsSettings.ArchCachePaths"/>, relative to the root where they are under it, with forward slashes.</summary>
    public IReadOnlyList<string> ArchCachePaths { get; init; } = [];

    /// <summary><see cref="GitHubActionsSettings.StepEnvironment"/>.</summary>
    public IReadOnlyList<GitHubActionsStepVariable> StepEnvironment { get; init; } = [];
}

internal sealed record TargetModel(string Name, string? Description, bool Listed, IReadOnlyList<string> DependsOn);

/// <param name="Name">The member name, e.g. <c>ToolsCacheDir</c>; the key in <c>.nuke/parameters.json</c>.</param>
/// <param name="CommandLineName">e.g. <c>tools-cache-dir</c>.</param>
/// <param name="AllowedValues">The values of an <see cref="ParameterKind.Enum"/>; empty otherwise.</param>
internal sealed record ParameterModel(
    string Name,
    string CommandLineName,
    string Description,
    ParameterKind Kind,
    IReadOnlyList<string> AllowedValues);

internal enum ParameterKind
{
    String,
    Boolean,
    Integer,
    Enum,
    StringArray,
    Path,
}
