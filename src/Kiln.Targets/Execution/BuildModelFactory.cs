using System.Reflection;
using Kiln.Targets.Configuration;
using Kiln.Targets.Foundation;
using Kiln.Targets.Parameters;
using Kiln.Targets.Planning;

namespace Kiln.Targets.Execution;

/// <summary>The engine's view of a build, flattened into the plain model the configuration generators read.</summary>
internal static class BuildModelFactory
{
    public static BuildModel Create(KilnBuild build, IReadOnlyList<DiscoveredTarget> targets, IReadOnlyList<ParameterDefinition> parameters,
        string defaultTarget)
    {
        var settings = build.WorkflowSettings;
        return new BuildModel(
            // A name two components define is reported by the planner with every other graph error; the files list it once.
            targets.DistinctBy(t => t.Name).Select(t => new TargetModel(t.Name, t.Definition.DescriptionText, t.Definition.IsListed, t.Spec.DependsOn)).ToList(),
            parameters.Select(ToModel).ToList(),
            build.GetType().GetCustomAttributes<GitHubActionsAttribute>().ToList(),
            defaultTarget)
        {
            ParameterPrefix = build.ParameterPrefix,
            ArchCachePaths = settings.ArchCachePaths.Select(path => WorkflowPath(build.RootDirectory, path)).ToList(),
            StepEnvironment = settings.StepEnvironment,
        };
    }

    /// <summary>Relative to the root when under it: the workflow's checkout is the root, wherever it was when generated.</summary>
    private static string WorkflowPath(AbsolutePath root, AbsolutePath path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path.ToString()
            : relative.Replace('\\', '/');
    }

    private static ParameterModel ToModel(ParameterDefinition parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var kind = type switch
        {
            _ when type == typeof(bool) => ParameterKind.Boolean,
            _ when type == typeof(int) || type == typeof(long) => ParameterKind.Integer,
            _ when type == typeof(AbsolutePath) => ParameterKind.Path,
            _ when type.IsEnum => ParameterKind.Enum,
            _ when type.IsArray => ParameterKind.StringArray,
            _ => ParameterKind.String,
        };
        var allowed = kind == ParameterKind.Enum ? ParameterConversion.AllowedValues(type) : [];
        return new ParameterModel(parameter.Name, parameter.CommandLineName, parameter.Description, kind, allowed);
    }
}
