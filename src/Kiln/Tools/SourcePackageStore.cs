namespace Kiln.Tools;

/// <summary>
/// Verified source packages, one folder per <c>.dsc</c> SHA-256, beside the tools cache (<c>tools-cache/sources/</c>), so
/// whatever carries the tools cache (a CI cache, a shared directory) carries the sources too and a warm build asks apt
/// for nothing. Every use verifies the package again; a damaged one is removed and downloaded anew. Folders appear by
/// rename of a verified download, so concurrent builds sharing the store never see a partial package.
/// </summary>
internal sealed class SourcePackageStore(string root, TextWriter log)
{
    public const string DirectoryName = "sources";

    public string Root { get; } = Path.GetFullPath(root);

    public string PackageDirectory(ToolRecipe recipe) => Path.Combine(Root, recipe.DscSha256);

    /// <summary>The verified package of <paramref name="recipe"/>, or null when the store does not hold a good one.</summary>
    public string? TryGetVerified(ToolRecipe recipe)
    {
        var directory = PackageDirectory(recipe);
        if (!Directory.Exists(directory))
            return null;
        try
        {
            SourcePackageVerifier.Verify(recipe, directory);
            return directory;
        }
        catch (Exception e) when (e is SourceVerificationException or FileNotFoundException or InvalidDataException)
        {
            log.WriteLine($"{recipe.Name}: stored source failed verification and is downloaded again ({e.Message})");
            DeleteIfExists(directory);
            return null;
        }
    }

    /// <summary>
    /// Makes the verified sources of <paramref name="recipes"/> available as <c>&lt;sourcesDirectory&gt;/&lt;tool&gt;/</c>,
    /// asking <paramref name="downloader"/> only for the packages the store lacks, and returns that directory.
    /// </summary>
    public async Task<string> AssembleAsync(
        IReadOnlyList<ToolRecipe> recipes, string sourcesDirectory, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        var missing = recipes.Where(r => TryGetVerified(r) is null).ToList();
        foreach (var recipe in recipes.Except(missing))
            log.WriteLine($"{recipe.Name}: source {recipe.AptSourceSpec} verified in the source store");
        if (missing.Count > 0)
            await DownloadAsync(missing, downloader, cancellationToken);

        var staging = sourcesDirectory + ".partial";
        DeleteIfExists(staging);
        Directory.CreateDirectory(staging);
        foreach (var recipe in recipes)
            CopyFiles(PackageDirectory(recipe), Path.Combine(staging, recipe.Name));
        DeleteIfExists(sourcesDirectory);
        Directory.Move(staging, sourcesDirectory);
        return sourcesDirectory;
    }

    private async Task DownloadAsync(IReadOnlyList<ToolRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var download = Path.Combine(Root, $".partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            await downloader.DownloadSourcesAsync(recipes, download, log, cancellationToken);
            foreach (var recipe in recipes)
                Publish(recipe, Path.Combine(download, recipe.Name));
        }
        finally
        {
            DeleteIfExists(download);
        }
    }

    private void Publish(ToolRecipe recipe, string downloaded)
    {
        MaterializeLinks(downloaded);
        SourcePackageVerifier.Verify(recipe, downloaded);
        try
        {
            Directory.Move(downloaded, PackageDirectory(recipe));
        }
        catch (IOException) when (TryGetVerified(recipe) is not null)
        {
            // Another build sharing the store published the same verified package first.
        }
    }

    // apt links files of file: sources instead of copying them; the store must not depend on the source staying put.
    private static void MaterializeLinks(string directory)
    {
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            if (file.LinkTarget is null)
                continue;
            var target = file.ResolveLinkTarget(returnFinalTarget: true)
                ?? throw new FileNotFoundException($"apt left a dangling link {file.FullName}", file.FullName);
            file.Delete();
            File.Copy(target.FullName, file.FullName);
        }
    }

    private static void CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void DeleteIfExists(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
