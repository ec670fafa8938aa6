using Kiln.Tools.Recipes;

namespace Kiln.Tools;

/// <summary>
/// Where the tools build keeps its inputs, scratch state and outputs, relative to the repository root:
/// <c>tools/</c> (recipes), <c>.build/apt/</c> (private apt state for host downloads), <c>.build/sources/&lt;tool&gt;/</c> (the selected sources, one folder per tool),
/// <c>.build/parts/&lt;arch&gt;/&lt;tool&gt;/</c> (one recipe's build, as the per-tool cache stores it),
/// <c>.build/tools/&lt;arch&gt;/</c> (<c>bin/</c> and <c>tools.json</c>) and <c>.nuke/temp/tools/&lt;arch&gt;/&lt;tool&gt;.log</c>.
/// </summary>
internal sealed record ToolsLayout(string RepositoryRoot)
{
    public string RecipesDirectory => Path.Combine(RepositoryRoot, "tools");

    public string BuildDirectory => Path.Combine(RepositoryRoot, ".build");

    public string AptDirectory => Path.Combine(BuildDirectory, "apt");

    public string SourcesDirectory => Path.Combine(BuildDirectory, "sources");

    public string ToolsDirectory => Path.Combine(BuildDirectory, "tools");

    public string OutputDirectory(ToolArchitecture arch) => Path.Combine(ToolsDirectory, arch.Name);

    public string PartsDirectory(ToolArchitecture arch) => Path.Combine(BuildDirectory, "parts", arch.Name);

    public string PartDirectory(ToolArchitecture arch, string tool) => Path.Combine(PartsDirectory(arch), tool);

    public string LogDirectory(ToolArchitecture arch) => Path.Combine(RepositoryRoot, ".nuke", "temp", "tools", arch.Name);

    public string LogFile(ToolArchitecture arch, ToolRecipe recipe) => Path.Combine(LogDirectory(arch), recipe.Name + ".log");
}
