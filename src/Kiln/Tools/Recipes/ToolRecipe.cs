namespace Kiln.Tools.Recipes;

/// <summary>One validated tools/&lt;name&gt;/tool.json.</summary>
internal sealed record ToolRecipe(
    string Name,
    ToolKind Kind,
    string SourcePackage,
    string Version,
    string DscSha256,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Binaries,
    string Licence,
    IReadOnlyList<string> ConfigureFlags,
    string RecipeFile)
{
    /// <summary>Version of the recipe format (tool.json fields and the build.sh environment); part of the tools fingerprint.</summary>
    public const int FormatVersion = 1;

    /// <summary>The <c>pkg=version</c> argument apt-get source takes.</summary>
    public string AptSourceSpec => $"{SourcePackage}={Version}";
}
