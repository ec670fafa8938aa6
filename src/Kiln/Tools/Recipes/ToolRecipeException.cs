using Kiln.Targets.Foundation;

namespace Kiln.Tools.Recipes;

/// <summary>A recipe (tool.json) that cannot be used, naming the file and, where there is one, the field at fault.</summary>
internal sealed class ToolRecipeException(string file, string? field, string problem)
    : BuildException(field is null ? $"{file}: {problem}" : $"{file}: field '{field}' {problem}")
{
    public string File { get; } = file;

    public string? Field { get; } = field;
}
