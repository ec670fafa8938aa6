using Kiln.Tools.Recipes;

namespace Kiln.Tools.Building;

/// <summary>One recipe built for one architecture: the unit the scheduler runs and the per-tool cache stores.</summary>
internal sealed record ToolPart(ToolArchitecture Arch, ToolRecipe Recipe)
{
    /// <summary>Unique among the parts of one run, e.g. <c>aarch64/fio</c>.</summary>
    public string Id => $"{Arch.Name}/{Recipe.Name}";

    public IReadOnlyList<string> DependencyIds => Recipe.DependsOn.Select(dependency => $"{Arch.Name}/{dependency}").ToList();
}
