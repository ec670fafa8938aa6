using System.Text.Json;

namespace Kiln.Tools.Recipes;

/// <summary>A recipe file (tool.json, data.json) parsed and checked against its schema, every violation named at once.</summary>
internal static class RecipeDocument
{
    public static JsonDocument Parse(RecipeSchema schema, string file)
    {
        var text = File.ReadAllText(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ToolRecipeException(file, null, $"is not valid JSON: {e.Message}");
        }

        var errors = schema.Validate(text);
        if (errors.Count == 0)
            return document;
        document.Dispose();
        throw new ToolRecipeException(file, errors[0].Field, string.Join("; ", errors.Select((e, i) => i == 0 ? e.Rule : $"field '{e.Field}' {e.Rule}")));
    }
}
