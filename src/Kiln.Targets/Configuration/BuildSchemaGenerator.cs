using System.Text.Json;

namespace Kiln.Targets.Configuration;

/// <summary>
/// <c>.nuke/build.schema.json</c>: the JSON schema of <c>.nuke/parameters.json</c>, so editors complete and check
/// parameter names, types, enum values and target names.
/// </summary>
internal static class BuildSchemaGenerator
{
    public const string RelativePath = ".nuke/build.schema.json";

    private const string TargetDefinition = "ExecutableTarget";
    private static readonly string[] ReservedNames = ["$schema", "Target", "Skip"];

    public static GeneratedFile Generate(BuildModel model)
    {
        foreach (var parameter in model.Parameters.Where(parameter => ReservedNames.Contains(parameter.Name)))
            throw new InvalidBuildConfigurationException(
                $"[Parameter] {parameter.Name} clashes with the reserved key \"{parameter.Name}\" of .nuke/parameters.json; rename the member.");
        foreach (var parameter in model.Parameters.Where(parameter => parameter.Kind == ParameterKind.Enum && parameter.AllowedValues.Count == 0))
            throw new InvalidBuildConfigurationException($"[Parameter] {parameter.Name} is an enum without values.");

        var targetNames = model.Targets.Select(target => target.Name).Order(StringComparer.Ordinal).ToList();
        return new GeneratedFile(RelativePath, GeneratedJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteStartObject("definitions");
            json.WriteStartObject(TargetDefinition);
            json.WriteString("type", "string");
            WriteStrings(json, "enum", targetNames);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in model.Parameters.OrderBy(parameter => parameter.Name, StringComparer.Ordinal))
                WriteParameter(json, parameter);
            var defaultNote = model.DefaultTarget is null ? "" : $"; the default is {model.DefaultTarget}";
            WriteTargetList(json, "Target", $"Targets to run{defaultNote}.");
            WriteTargetList(json, "Skip", "Targets to skip; their dependencies still run.");
            json.WriteEndObject();
            json.WriteEndObject();
        }));
    }

    private static void WriteParameter(Utf8JsonWriter json, ParameterModel parameter)
    {
        json.WriteStartObject(parameter.Name);
        switch (parameter.Kind)
        {
            case ParameterKind.Boolean:
                json.WriteString("type", "boolean");
                break;
            case ParameterKind.Integer:
                json.WriteString("type", "integer");
                break;
            case ParameterKind.Enum:
                json.WriteString("type", "string");
                WriteStrings(json, "enum", parameter.AllowedValues);
                break;
            case ParameterKind.StringArray:
                json.WriteString("type", "array");
                json.WriteStartObject("items");
                json.WriteString("type", "string");
                json.WriteEndObject();
                break;
            case ParameterKind.String:
            case ParameterKind.Path:
                json.WriteString("type", "string");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Kind, $"Parameter {parameter.Name} has an unknown kind.");
        }
        json.WriteString("description", parameter.Description);
        json.WriteEndObject();
    }

    private static void WriteTargetList(Utf8JsonWriter json, string name, string description)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "array");
        json.WriteString("description", description);
        json.WriteStartObject("items");
        json.WriteString("$ref", $"#/definitions/{TargetDefinition}");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
