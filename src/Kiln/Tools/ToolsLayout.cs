namespace Kiln.Tools;

/// <summary>
/// Where the tools build keeps its inputs, scratch state and outputs, relative to the repository root:
/// <c>tools/</c> (recipes), <c>.build/apt/</c> (private apt state for host downloads), <c>.build/sources/&lt;tool&gt;/</c> (the selected sources, one folder per tool),
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

    public string LogDirectory(ToolArchitecture arch) => Path.Combine(RepositoryRoot, ".nuke", "temp", "tools", arch.Name);

    public string LogFile(ToolArchitecture arch, ToolRecipe recipe) => Path.Combine(LogDirectory(arch), recipe.Name + ".log");
}
