namespace Kiln.Tools.Recipes;

internal enum ToolKind
{
    /// <summary>Ships binaries in the distribution.</summary>
    Tool,

    /// <summary>A static library installed into the build prefix for later recipes; never shipped.</summary>
    Library,
}
