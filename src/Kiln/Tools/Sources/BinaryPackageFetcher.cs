using Kiln.Processes;
using Kiln.Targets.Foundation;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>
/// The data files of data recipes (pci.ids): their pinned <c>.deb</c> comes verified from the <see cref="SourcePackageStore"/>
/// (downloaded by the executor's apt only when missing), and the data file is extracted from it with dpkg-deb.
/// </summary>
internal sealed class BinaryPackageFetcher(CheckoutLayout layout, SourcePackageStore store, TextWriter log)
{
    public async Task<IReadOnlyList<FetchedDataFile>> FetchAsync(
        IReadOnlyList<DataRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        var debs = await store.BinaryPackagesAsync(recipes, downloader, cancellationToken);
        var fetched = new List<FetchedDataFile>();
        foreach (var (recipe, deb) in recipes.Zip(debs))
        {
            log.WriteLine($"{recipe.Name}: {recipe.AptSpec} verified in the source store");
            fetched.Add(new FetchedDataFile(recipe, deb, await ExtractAsync(recipe, deb, cancellationToken)));
        }

        return fetched;
    }

    /// <summary>Unpacks the .deb into <c>.build/data/&lt;name&gt;/</c> and returns the recipe's file there.</summary>
    private async Task<string> ExtractAsync(DataRecipe recipe, string deb, CancellationToken cancellationToken)
    {
        var unpacked = Path.Combine(layout.BuildDirectory, "data", recipe.Name);
        if (Directory.Exists(unpacked))
            Directory.Delete(unpacked, recursive: true);
        Directory.CreateDirectory(unpacked);
        var exitCode = await ProcessRunner.RunAsync(["dpkg-deb", "-x", deb, unpacked], unpacked, null, log, cancellationToken);
        var file = Path.Combine(unpacked, recipe.File);
        if (exitCode != 0 || !File.Exists(file))
            throw new BuildException(
                $"{recipe.Name}: {Path.GetFileName(deb)} holds no {recipe.File} (field 'file' of {recipe.RecipeFile}; dpkg-deb -x exited with {exitCode})");
        return file;
    }
}
