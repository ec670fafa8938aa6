using Kiln.Processes;

namespace Kiln.Tools;

/// <summary>
/// Fetches the pinned Debian binary packages of data recipes with <c>apt-get download</c>, against a private apt state
/// (as <see cref="AptSourceFetcher"/> does) that holds a copy of the machine's own binary sources: the host's apt state is
/// never changed. A .deb is verified against its recipe's SHA-256 before every use and its data file extracted with dpkg-deb.
/// </summary>
internal sealed class BinaryPackageFetcher(ToolsLayout layout, TextWriter log, string aptConfigurationDirectory = "/etc/apt")
{
    private string AptDirectory => layout.AptDirectory + "-binary";

    public async Task<IReadOnlyList<FetchedDataFile>> FetchAsync(IReadOnlyList<DataRecipe> recipes, CancellationToken cancellationToken)
    {
        var fetched = new List<FetchedDataFile>();
        var indexUpdated = false;
        foreach (var recipe in recipes)
        {
            var cached = Path.Combine(layout.DownloadsDirectory, recipe.DebSha256);
            var deb = Directory.Exists(cached) ? Directory.GetFiles(cached, "*.deb").SingleOrDefault() : null;
            if (deb is null || SourcePackageVerifier.Sha256Of(deb) != recipe.DebSha256)
            {
                if (!indexUpdated)
                    await UpdateIndexAsync(cancellationToken);
                indexUpdated = true;
                deb = await DownloadAsync(recipe, cached, cancellationToken);
            }

            fetched.Add(new FetchedDataFile(recipe, deb, await ExtractAsync(recipe, deb, cancellationToken)));
        }

        return fetched;
    }

    /// <summary>Downloads and verifies the .deb, then moves it into <paramref name="cached"/> under apt's file name.</summary>
    private async Task<string> DownloadAsync(DataRecipe recipe, string cached, CancellationToken cancellationToken)
    {
        var download = Path.Combine(layout.DownloadsDirectory, $".partial-{recipe.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            log.WriteLine($"{recipe.Name}: apt-get download {recipe.AptSpec}");
            var exitCode = await Apt(["download", recipe.AptSpec], download, cancellationToken);
            var files = Directory.GetFiles(download, "*.deb");
            if (exitCode != 0 || files.Length != 1)
                throw new InvalidOperationException(
                    $"{recipe.Name}: 'apt-get download {recipe.AptSpec}' failed with exit code {exitCode} (pinned in {recipe.RecipeFile}); is this version served by the configured apt sources?");
            var actual = SourcePackageVerifier.Sha256Of(files[0]);
            if (actual != recipe.DebSha256)
                throw new SourceVerificationException(recipe.Name, Path.GetFileName(files[0]), recipe.DebSha256, actual, $"{recipe.RecipeFile} (debSha256)");
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
            Directory.CreateDirectory(cached);
            var deb = Path.Combine(cached, Path.GetFileName(files[0]));
            // A copy, not a move: apt links the files of file: sources, and the cache must not depend on the source staying put.
            File.Copy(files[0], deb);
            return deb;
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
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
            throw new InvalidOperationException(
                $"{recipe.Name}: {Path.GetFileName(deb)} holds no {recipe.File} (field 'file' of {recipe.RecipeFile}; dpkg-deb -x exited with {exitCode})");
        return file;
    }

    private async Task UpdateIndexAsync(CancellationToken cancellationToken)
    {
        var etc = Path.Combine(AptDirectory, "etc");
        if (Directory.Exists(etc))
            Directory.Delete(etc, recursive: true);
        var parts = Path.Combine(etc, "sources.list.d");
        Directory.CreateDirectory(parts);
        var hostList = Path.Combine(aptConfigurationDirectory, "sources.list");
        File.WriteAllText(Path.Combine(etc, "sources.list"), File.Exists(hostList) ? File.ReadAllText(hostList) : "");
        var hostParts = Path.Combine(aptConfigurationDirectory, "sources.list.d");
        if (Directory.Exists(hostParts))
            foreach (var file in Directory.EnumerateFiles(hostParts).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(parts, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(etc, "preferences.d"));
        Directory.CreateDirectory(Path.Combine(AptDirectory, "state", "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(AptDirectory, "cache", "archives", "partial"));
        File.WriteAllText(Path.Combine(AptDirectory, "status"), "");

        log.WriteLine($"apt-get update (private binary index in {AptDirectory})");
        var exitCode = await Apt(["update"], AptDirectory, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"apt-get update of the private binary index in {AptDirectory} failed with exit code {exitCode}");
    }

    private Task<int> Apt(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(["apt-get", .. AptSourceFetcher.AptOptions(AptDirectory), .. arguments], workingDirectory, null, log, cancellationToken);
}
