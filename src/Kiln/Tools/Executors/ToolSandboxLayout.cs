using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tools.Executors;

/// <summary>Paths inside a sandbox (always '/'-separated: the sandbox may be a Linux container whatever the host).</summary>
internal sealed record ToolSandboxLayout(string Recipes, string SourcesRoot, string Work)
{
    public static ToolSandboxLayout Of(IToolSandbox sandbox) => new(sandbox.RecipesDirectory, sandbox.SourcesDirectory, sandbox.WorkDirectory);

    public string Prefix => $"{Work}/prefix";

    public string Output => $"{Work}/out";

    public string BinaryOutput => $"{Output}/bin";

    public string Sources(ToolRecipe recipe) => $"{SourcesRoot}/{recipe.Name}";

    public string Dsc(ToolRecipe recipe) => $"{Sources(recipe)}/{SourcePackageVerifier.DscFileName(recipe)}";

    public string SourceTree(ToolRecipe recipe) => $"{Work}/src/{recipe.Name}";

    public string BuildScript(ToolRecipe recipe) => $"{Recipes}/{recipe.Name}/{ToolRecipeSet.BuildScriptName}";
}
