using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kiln.Tools;

/// <summary>
/// Validates a JSON document against the keywords of JSON Schema that tools/tool.schema.json uses (type, required,
/// properties, additionalProperties, items, enum, pattern, minLength, uniqueItems). No validator package is on the
/// package source; reading the rules from the schema file keeps one definition of what a recipe may contain.
/// A schema that uses any other validation keyword is refused, so the subset cannot silently skip a rule.
/// </summary>
internal sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> SupportedKeywords =
    [
        "$schema", "$id", "title", "description",
        "type", "required", "properties", "additionalProperties", "items", "enum", "pattern", "minLength", "uniqueItems",
    ];

    private readonly JsonElement _root;

    private JsonSchemaSubset(JsonElement root) => _root = root;

    public static JsonSchemaSubset Load(string schemaFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(schemaFile));
        var root = document.RootElement.Clone();
        RefuseUnsupportedKeywords(root, schemaFile, "#");
        return new JsonSchemaSubset(root);
    }

    /// <summary>Returns every violation as (field path, problem); empty when the document is valid.</summary>
    public IReadOnlyList<(string Field, string Problem)> Validate(JsonElement document)
    {
        var errors = new List<(string, string)>();
        Validate(_root, document, "", errors);
        return errors;
    }

    private static void RefuseUnsupportedKeywords(JsonElement schema, string schemaFile, string where)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!SupportedKeywords.Contains(keyword.Name))
                throw new ToolRecipeException(schemaFile, where, $"uses the schema keyword '{keyword.Name}', which the recipe validator does not implement");
        }

        if (schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject())
                RefuseUnsupportedKeywords(property.Value, schemaFile, $"{where}/properties/{property.Name}");
        if (schema.TryGetProperty("items", out var items))
            RefuseUnsupportedKeywords(items, schemaFile, $"{where}/items");
    }

    private static void Validate(JsonElement schema, JsonElement value, string path, List<(string, string)> errors)
    {
        var shown = path.Length == 0 ? "(document)" : path;
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add((shown, $"must be of type {type.GetString()}, but is {Describe(value)}"));
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            errors.Add((shown, $"must be one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))}, but is {value.GetRawText()}"));

        if (value.ValueKind == JsonValueKind.String)
            ValidateString(schema, value.GetString()!, shown, errors);
        else if (value.ValueKind == JsonValueKind.Array)
            ValidateArray(schema, value, path, shown, errors);
        else if (value.ValueKind == JsonValueKind.Object)
            ValidateObject(schema, value, path, errors);
    }

    private static void ValidateString(JsonElement schema, string text, string shown, List<(string, string)> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
            errors.Add((shown, $"must be at least {minLength.GetInt32()} characters long"));
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
            errors.Add((shown, $"must match {pattern.GetString()}, but is \"{text}\""));
    }

    private static void ValidateArray(JsonElement schema, JsonElement array, string path, string shown, List<(string, string)> errors)
    {
        var elements = array.EnumerateArray().ToList();
        if (schema.TryGetProperty("items", out var items))
            for (var i = 0; i < elements.Count; i++)
                Validate(items, elements[i], $"{path}[{i}]", errors);

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
        {
            var duplicate = elements.Select(e => e.GetRawText()).GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                errors.Add((shown, $"must not list {duplicate.Key} twice"));
        }
    }

    private static void ValidateObject(JsonElement schema, JsonElement value, string path, List<(string, string)> errors)
    {
        var prefix = path.Length == 0 ? "" : path + ".";
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _))
                    errors.Add((prefix + name, "is required but missing"));

        schema.TryGetProperty("properties", out var properties);
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                Validate(propertySchema, property.Value, prefix + property.Name, errors);
            else if (closed)
                errors.Add((prefix + property.Name, "is not a known field"));
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"JSON Schema type '{type}' is not a type"),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Undefined => "undefined",
        _ => $"{value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}",
    };
}
