using Kiln.Tools.Building;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;
using Kiln.Tools;

namespace Kiln.Dist;

/// <summary>What the release takes from the tools half of the build, so that the release can be tested without compiling any tool.</summary>
internal interface IReleaseTools
{
    /// <summary>The selected arches by name, in the order the user gave them.</summary>
    IReadOnlyList<string> ArchitectureNames { get; }

    /// <summary>The content tag of the builder image the Docker executor uses (and would use).</summary>
    string BuilderImageTag { get; }

    IReadOnlyList<ToolRecipe> Recipes();

    /// <summary>The tools of each selected arch, as the cache restored or the Tools stage built them.</summary>
    IReadOnlyList<ToolsManifest> BuiltTools();

    /// <summary>The verified sources of the selected recipes, one folder per tool; returns that folder's parent.</summary>
    Task<string> AssembleSourcesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FetchedDataFile>> DataFilesAsync(CancellationToken cancellationToken);

    Task<string> ExecutorNameAsync(CancellationToken cancellationToken);

    /// <summary>The tools cache key of each arch, by arch name.</summary>
    Task<IReadOnlyDictionary<string, string>> CacheKeysAsync(CancellationToken cancellationToken);
}
