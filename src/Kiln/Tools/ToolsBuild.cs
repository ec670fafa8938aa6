namespace Kiln.Tools;

/// <summary>
/// The whole tools stage in the order a user expects: validate every recipe (a missing pin fails before any
/// download), make the executor's toolchain ready, take the verified sources from the store (downloading what it
/// lacks), then build each architecture.
/// </summary>
internal static class ToolsBuild
{
    public static async Task<IReadOnlyList<ToolsManifest>> RunAsync(
        ToolsBuildRequest request, TextWriter log, IProgress<ToolBuildEvent>? progress, CancellationToken cancellationToken)
    {
        var layout = new ToolsLayout(request.RepositoryRoot);
        var recipes = ToolRecipeSet.Load(layout.RecipesDirectory).Select(request.Tools);

        await request.Executor.EnsureToolchainAsync(request.Architectures, log, cancellationToken);
        var sources = await request.Sources.AssembleAsync(recipes, layout.SourcesDirectory, request.Executor, cancellationToken);
        var builder = new ToolBuilder(request.Executor, layout, progress) { SourceDateEpoch = request.SourceDateEpoch };
        var manifests = new List<ToolsManifest>();
        foreach (var arch in request.Architectures)
            manifests.Add(await builder.BuildAsync(arch, recipes, sources, cancellationToken));
        return manifests;
    }
}
