using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Kiln.Targets.Foundation;

/// <summary>
/// Validates JSON documents against a schema file (tool.schema.json, manifest.schema.json, the generated
/// build.schema.json) with NJsonSchema, and words each violation as a path and a rule a user can act on.
/// </summary>
public sealed class JsonSchemaValidator
{
    private const string RootField = "(document)";

    private readonly JsonSchema _schema;

    private JsonSchemaValidator(JsonSchema schema) => _schema = schema;

    public static JsonSchemaValidator Load(string schemaFile) => FromText(File.ReadAllText(schemaFile));

    public static JsonSchemaValidator FromText(string schemaJson) =>
        new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    /// <summary>Every violation in document order of the schema's checks; empty when <paramref name="json"/> is valid.</summary>
    public IReadOnlyList<JsonSchemaViolation> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Flatten(_schema.Validate(json))
            .Select(error => new JsonSchemaViolation(Field(error.Path), Rule(error, ValueAt(document.RootElement, error.Path))))
            .ToList();
    }

    /// <summary>An invalid array item or sub-schema reports its causes nested; the causes are what a user fixes.</summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? Flatten(child.Errors.Values.SelectMany(nested => nested))
            : [error]);

    /// <summary>NJsonSchema's <c>#/commit.full</c> becomes <c>commit.full</c>, <c>#/configureFlags[1]</c> <c>configureFlags[1]</c>.</summary>
    private static string Field(string? path)
    {
        var pointer = (path ?? "#").TrimStart('#').Trim('/');
        return pointer.Length == 0 ? RootField : pointer.Replace('/', '.');
    }

    private static string Rule(ValidationError error, JsonElement? value)
    {
        var schema = error.Schema;
        var shown = value is { } present ? present.GetRawText() : "missing";
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required but missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a known field",
            ValidationErrorKind.PatternMismatch => $"must match {schema?.Pattern}, but is {shown}",
            ValidationErrorKind.NotInEnumeration =>
                $"must be one of {string.Join(", ", schema?.Enumeration.Select(allowed => JsonSerializer.Serialize(allowed)) ?? [])}, but is {shown}",
            ValidationErrorKind.StringTooShort => $"must be at least {schema?.MinLength} characters long, but is {shown}",
            ValidationErrorKind.ItemsNotUnique => $"must not list an item twice, but is {shown}",
            _ when error.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal) =>
                $"must be of type {TypeName(schema?.Type)}, but is {shown}",
            _ => $"breaks the schema rule {error.Kind}, value {shown}",
        };
    }

    private static string TypeName(JsonObjectType? type) =>
        type is { } known && known != JsonObjectType.None ? known.ToString().ToLowerInvariant().Replace(", ", " or ") : "another type";

    /// <summary>The value a violation is about, found by its path, or null when it is missing.</summary>
    private static JsonElement? ValueAt(JsonElement root, string? path)
    {
        var current = root;
        foreach (var segment in (path ?? "#").TrimStart('#').Split(['/', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[');
            var name = bracket >= 0 ? segment[..bracket] : segment;
            if (name.Length > 0 && !(current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out current)))
                return null;
            foreach (var index in bracket >= 0 ? segment[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries) : [])
            {
                if (current.ValueKind != JsonValueKind.Array || !int.TryParse(index, out var position) || position >= current.GetArrayLength())
                    return null;
                current = current[position];
            }
        }
        return current;
    }
}
