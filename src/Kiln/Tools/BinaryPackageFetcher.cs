using Kiln.Fingerprints;
using Kiln.Processes;

namespace Kiln.Tools;

/// <summary>
/// The pinned Debian binary packages of data recipes (pci.ids): kept in the source store beside the tools cache under
/// the <c>.deb</c>'s SHA-256, so whatever carries the cache carries them too, downloaded by the executor's apt only when
/// missing, verified against the recipe before every use, and their data file extracted with dpkg-deb.
/// </summary>
internal sealed class BinaryPackageFetcher(ToolsLayout layout, string storeRoot, TextWriter log)
{
    public async Task<IReadOnlyList<FetchedDataFile>> FetchAsync(
        IReadOnlyList<DataRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        var missing = recipes.Where(r => TryGetVerified(r) is null).ToList();
        if (missing.Count > 0)
            await DownloadAsync(missing, downloader, cancellationToken);

        var fetched = new List<FetchedDataFile>();
        foreach (var recipe in recipes)
        {
            var deb = TryGetVerified(recipe) ?? throw new InvalidOperationException($"{recipe.Name}: the verified .deb vanished from {storeRoot}");
            log.WriteLine($"{recipe.Name}: {recipe.AptSpec} verified in the source store");
            fetched.Add(new FetchedDataFile(recipe, deb, await ExtractAsync(recipe, deb, cancellationToken)));
        }

        return fetched;
    }

    private string? TryGetVerified(DataRecipe recipe)
    {
        var directory = Path.Combine(storeRoot, recipe.DebSha256);
        var deb = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.deb").SingleOrDefault() : null;
        return deb is not null && ContentHash.OfFile(deb) == recipe.DebSha256 ? deb : null;
    }

    private async Task DownloadAsync(IReadOnlyList<DataRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storeRoot);
        var download = Path.Combine(storeRoot, $".partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            await downloader.DownloadBinaryPackagesAsync(recipes, download, log, cancellationToken);
            foreach (var recipe in recipes)
                Publish(recipe, Path.Combine(download, recipe.Name));
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }

    private void Publish(DataRecipe recipe, string downloaded)
    {
        var files = Directory.Exists(downloaded) ? Directory.GetFiles(downloaded, "*.deb") : [];
        if (files.Length != 1)
            throw new Targets.BuildException($"{recipe.Name}: 'apt-get download {recipe.AptSpec}' left {files.Length} .deb files (pinned in {recipe.RecipeFile})");
        var actual = ContentHash.OfFile(files[0]);
        if (actual != recipe.DebSha256)
            throw new SourceVerificationException(recipe.Name, Path.GetFileName(files[0]), recipe.DebSha256, actual, $"{recipe.RecipeFile} (debSha256)");
        var directory = Path.Combine(storeRoot, recipe.DebSha256);
        var staging = directory + $".partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        // A copy, not a move: apt links the files of file: sources, and the store must not depend on the source staying put.
        File.Copy(files[0], Path.Combine(staging, Path.GetFileName(files[0])));
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.Move(staging, directory);
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
            throw new Targets.BuildException(
                $"{recipe.Name}: {Path.GetFileName(deb)} holds no {recipe.File} (field 'file' of {recipe.RecipeFile}; dpkg-deb -x exited with {exitCode})");
        return file;
    }
}
