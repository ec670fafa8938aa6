using System.Text.Json;

namespace Kiln.Targets.Tests.Configuration;

/// <summary>
/// Validates JSON against the subset of JSON Schema that the build schema uses: <c>type</c>, <c>enum</c>,
/// <c>properties</c>, <c>items</c> and local <c>$ref</c>s.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> SupportedKeywords =
        ["$schema", "title", "definitions", "type", "enum", "properties", "items", "$ref", "description"];

    public static IReadOnlyList<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Validate(schema, schema, instance, "$", errors);
        return errors;
    }

    private static void Validate(JsonElement root, JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject().Where(keyword => !SupportedKeywords.Contains(keyword.Name)))
            throw new NotSupportedException($"Schema keyword {keyword.Name} at {path} is outside the supported subset.");

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/definitions/".Length..];
            Validate(root, root.GetProperty("definitions").GetProperty(name), instance, path, errors);
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !HasType(instance, type.GetString()!))
        {
            errors.Add($"{path}: expected {type.GetString()}, got {instance.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(value => JsonElement.DeepEquals(value, instance)))
            errors.Add($"{path}: {instance.GetRawText()} is not one of {allowed.GetRawText()}");
        if (schema.TryGetProperty("properties", out var properties) && instance.ValueKind == JsonValueKind.Object)
            foreach (var property in instance.EnumerateObject())
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                    Validate(root, propertySchema, property.Value, $"{path}.{property.Name}", errors);
        if (schema.TryGetProperty("items", out var items) && instance.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
                Validate(root, items, item, $"{path}[{index++}]", errors);
        }
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        _ => throw new NotSupportedException($"Schema type {type} is outside the supported subset."),
    };
}
