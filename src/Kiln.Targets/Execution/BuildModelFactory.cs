using System.Reflection;
using Kiln.Targets.Configuration;
using Kiln.Targets.Parameters;

namespace Kiln.Targets.Execution;

/// <summary>The engine's view of a build, flattened into the plain model the configuration generators read.</summary>
internal static class BuildModelFactory
{
    public static BuildModel Create(object build, IReadOnlyList<DiscoveredTarget> targets, IReadOnlyList<ParameterDefinition> parameters,
        string defaultTarget) =>
        new(
            targets.Select(t => new TargetModel(t.Name, t.Definition.DescriptionText, t.Definition.IsListed, t.Spec.DependsOn)).ToList(),
            parameters.Select(ToModel).ToList(),
            build.GetType().GetCustomAttributes<GitHubActionsAttribute>().ToList(),
            defaultTarget);

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
