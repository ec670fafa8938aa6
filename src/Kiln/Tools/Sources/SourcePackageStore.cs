using Kiln.Targets.Fingerprints;
using Kiln.Targets.Foundation;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>
/// Verified packages, one folder per pinned digest (a source package's <c>.dsc</c> SHA-256, a data recipe's <c>.deb</c>
/// SHA-256), beside the tools cache (<c>tools-cache/sources/</c>), so
/// whatever carries the tools cache (a CI cache, a shared directory) carries the sources too and a warm build asks apt
/// for nothing. Every use verifies the package again; a damaged one is removed and downloaded anew. Folders appear by
/// rename of a verified download, so concurrent builds sharing the store never see a partial package.
/// </summary>
internal sealed partial class SourcePackageStore(string root, TextWriter log)
{
    public const string DirectoryName = "sources";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The remote cache's packages, asked before apt; packages apt delivers are uploaded there.</summary>
    public IRemoteSourcePackages? Remote { get; init; }

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
    /// asking the remote cache, then <paramref name="downloader"/>, then the <see cref="Snapshot"/> archive only for the
    /// packages the store lacks, and returns that directory.
    /// </summary>
    public async Task<string> AssembleAsync(
        IReadOnlyList<ToolRecipe> recipes, string sourcesDirectory, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        var missing = recipes.Where(r => TryGetVerified(r) is null).ToList();
        foreach (var recipe in recipes.Except(missing))
            log.WriteLine($"{recipe.Name}: source {recipe.AptSourceSpec} verified in the source store");
        missing = await FetchFromRemoteAsync(missing, r => (PackageDirectory(r), r.Name, $"source {r.AptSourceSpec}"),
            (r, directory) => Remote!.TryFetchAsync(r, directory, cancellationToken), SourcePackageVerifier.Verify);
        if (missing.Count > 0)
        {
            await DownloadAsync(missing, downloader, cancellationToken);
            foreach (var recipe in missing)
                Remote?.EnqueueUpload(recipe.Name, PackageDirectory(recipe), cancellationToken);
        }

        var staging = sourcesDirectory + ".partial";
        DeleteIfExists(staging);
        Directory.CreateDirectory(staging);
        foreach (var recipe in recipes)
            CopyFiles(PackageDirectory(recipe), Path.Combine(staging, recipe.Name));
        DeleteIfExists(sourcesDirectory);
        Directory.Move(staging, sourcesDirectory);
        return sourcesDirectory;
    }

    /// <summary>The verified <c>.deb</c> of each data recipe, in order, asking <paramref name="downloader"/> only for those the store lacks.</summary>
    public async Task<IReadOnlyList<string>> BinaryPackagesAsync(
        IReadOnlyList<DataRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken)
    {
        var missing = recipes.Where(r => TryGetVerified(r) is null).ToList();
        missing = await FetchFromRemoteAsync(missing, r => (Path.Combine(Root, r.DebSha256), r.Name, $"package {r.AptSpec}"),
            (r, directory) => Remote!.TryFetchAsync(r, directory, cancellationToken), (r, directory) => VerifyDeb(r, directory));
        if (missing.Count > 0)
        {
            await DownloadAsync(
                scratch => downloader.DownloadBinaryPackagesAsync(missing, scratch, log, cancellationToken),
                missing.Select(r => (Path.Combine(Root, r.DebSha256), (Action<string>)(d => VerifyDeb(r, d)), r.Name)));
            foreach (var recipe in missing)
                Remote?.EnqueueUpload(recipe.Name, Path.Combine(Root, recipe.DebSha256), cancellationToken);
        }

        return recipes.Select(r => TryGetVerified(r) ?? throw new InvalidOperationException($"{r.Name}: the verified .deb vanished from {Root}")).ToList();
    }

    private async Task DownloadAsync(IReadOnlyList<ToolRecipe> recipes, ISourcePackageDownloader downloader, CancellationToken cancellationToken) =>
        await DownloadAsync(
            scratch => DownloadSourcesAsync(recipes, downloader, scratch, cancellationToken),
            recipes.Select(r => (PackageDirectory(r), (Action<string>)(d => SourcePackageVerifier.Verify(r, d)), r.Name)));

    /// <summary>
    /// Runs <paramref name="download"/> into a scratch folder inside the store (one subfolder per package name), then
    /// verifies each package and publishes it by rename; the scratch folder is removed in every case.
    /// </summary>
    private async Task DownloadAsync(Func<string, Task> download, IEnumerable<(string Target, Action<string> Verify, string Name)> packages)
    {
        Directory.CreateDirectory(Root);
        var scratch = Path.Combine(Root, $".partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            await download(scratch);
            foreach (var (target, verify, name) in packages)
            {
                var downloaded = Path.Combine(scratch, name);
                MaterializeLinks(downloaded);
                verify(downloaded);
                Publish(downloaded, target);
            }
        }
        finally
        {
            DeleteIfExists(scratch);
        }
    }

    private static void Publish(string downloaded, string target)
    {
        try
        {
            Directory.Move(downloaded, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another build sharing the store published the same package first; the next use verifies it.
        }
    }

    private string? TryGetVerified(DataRecipe recipe)
    {
        var directory = Path.Combine(Root, recipe.DebSha256);
        if (!Directory.Exists(directory))
            return null;
        try
        {
            return VerifyDeb(recipe, directory);
        }
        catch (BuildException e)
        {
            log.WriteLine($"{recipe.Name}: stored package failed verification and is downloaded again ({e.Message})");
            DeleteIfExists(directory);
            return null;
        }
    }

    /// <summary>The folder's single <c>.deb</c>, checked against the recipe's pin.</summary>
    private static string VerifyDeb(DataRecipe recipe, string directory)
    {
        var debs = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.deb") : [];
        if (debs.Length != 1)
            throw new BuildException($"{recipe.Name}: expected one .deb of {recipe.AptSpec} in {directory}, found {debs.Length} (pinned in {recipe.RecipeFile})");
        var actual = ContentHash.OfFile(debs[0]);
        if (actual != recipe.DebSha256)
            throw new SourceVerificationException(recipe.Name, Path.GetFileName(debs[0]), recipe.DebSha256, actual, $"{recipe.RecipeFile} (debSha256)");
        return debs[0];
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
