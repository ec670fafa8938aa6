namespace Kiln.Tools;

/// <summary>
/// The whole tools stage in the order a user expects: validate every recipe (a missing pin fails before any
/// download), check the host (local executor only), fetch and verify the sources, then build each architecture.
/// </summary>
internal static class ToolsBuild
{
    public static async Task<IReadOnlyList<ToolsManifest>> RunAsync(
        ToolsBuildRequest request, TextWriter log, IProgress<ToolBuildEvent>? progress, CancellationToken cancellationToken)
    {
        var layout = new ToolsLayout(request.RepositoryRoot);
        var recipes = ToolRecipeSet.Load(layout.RecipesDirectory).Select(request.Tools);

        if (request.Executor is LocalToolExecutor)
            await new HostPrerequisites(log).EnsureAsync(request.Architectures, cancellationToken);

        var sources = await new AptSourceFetcher(layout, log).FetchAsync(recipes, cancellationToken);
        var builder = new ToolBuilder(request.Executor, layout, progress) { SourceDateEpoch = request.SourceDateEpoch };
        var manifests = new List<ToolsManifest>();
        foreach (var arch in request.Architectures)
            manifests.Add(await builder.BuildAsync(arch, recipes, sources, cancellationToken));
        return manifests;
    }
}
