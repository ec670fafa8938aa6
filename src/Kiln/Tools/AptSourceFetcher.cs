using Kiln.Processes;
namespace Kiln.Tools;

/// <summary>
/// Fetches pinned Debian source packages with apt's own client, against a private apt state under
/// <see cref="ToolsLayout.AptDirectory"/> whose deb-src entries are derived from the machine's apt sources: the host's
/// apt state is never changed and needs no root. Packages land in a download cache keyed by the .dsc SHA-256 and are
/// verified before every use; a cached package that fails verification is fetched again, a fresh one that fails is an error.
/// </summary>
internal sealed class AptSourceFetcher(ToolsLayout layout, TextWriter log, string aptConfigurationDirectory = "/etc/apt")
{
    private bool _indexUpdated;

    /// <summary>
    /// Makes the verified sources of <paramref name="recipes"/> available as <c>.build/sources/&lt;tool&gt;/</c> and returns that directory.
    /// </summary>
    public async Task<string> FetchAsync(IReadOnlyList<ToolRecipe> recipes, CancellationToken cancellationToken)
    {
        var staging = layout.SourcesDirectory + ".partial";
        DeleteIfExists(staging);
        Directory.CreateDirectory(staging);
        foreach (var recipe in recipes)
        {
            var package = await FetchAsync(recipe, cancellationToken);
            CopyFiles(package, Path.Combine(staging, recipe.Name));
        }

        DeleteIfExists(layout.SourcesDirectory);
        Directory.Move(staging, layout.SourcesDirectory);
        return layout.SourcesDirectory;
    }

    /// <summary>Returns the download cache folder of one verified source package, downloading it on a miss.</summary>
    public async Task<string> FetchAsync(ToolRecipe recipe, CancellationToken cancellationToken)
    {
        var cached = Path.Combine(layout.DownloadsDirectory, recipe.DscSha256);
        if (Directory.Exists(cached))
        {
            try
            {
                SourcePackageVerifier.Verify(recipe, cached);
                log.WriteLine($"{recipe.Name}: source {recipe.AptSourceSpec} verified in the download cache");
                return cached;
            }
            catch (Exception e) when (e is SourceVerificationException or FileNotFoundException or InvalidDataException)
            {
                log.WriteLine($"{recipe.Name}: cached source failed verification, fetching again ({e.Message})");
                Directory.Delete(cached, recursive: true);
            }
        }

        Directory.CreateDirectory(layout.DownloadsDirectory);
        var download = Path.Combine(layout.DownloadsDirectory, $".partial-{recipe.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(download);
        try
        {
            await UpdateIndexOnceAsync(cancellationToken);
            log.WriteLine($"{recipe.Name}: apt-get source --download-only {recipe.AptSourceSpec}");
            var exitCode = await ProcessRunner.RunAsync(
                ["apt-get", .. AptOptions(layout.AptDirectory), "source", "--download-only", recipe.AptSourceSpec], download, null, log, cancellationToken);
            if (exitCode != 0)
                throw new InvalidOperationException(
                    $"{recipe.Name}: 'apt-get source --download-only {recipe.AptSourceSpec}' failed with exit code {exitCode} (pinned in {recipe.RecipeFile}); is this version served by the configured apt sources?");

            MaterializeLinks(download);
            SourcePackageVerifier.Verify(recipe, download);
            Directory.Move(download, cached);
            return cached;
        }
        finally
        {
            DeleteIfExists(download);
        }
    }

    private async Task UpdateIndexOnceAsync(CancellationToken cancellationToken)
    {
        if (_indexUpdated)
            return;

        var sources = AptSourceList.DeriveSourceEntries(aptConfigurationDirectory);
        if (sources.IsEmpty)
            throw new InvalidOperationException($"No apt sources are configured in {aptConfigurationDirectory} (sources.list, sources.list.d/*.list, *.sources): cannot fetch tool sources");

        var etc = Path.Combine(layout.AptDirectory, "etc");
        DeleteIfExists(Path.Combine(etc, "sources.list.d"));
        sources.WriteTo(Path.Combine(etc, "sources.list.d"));
        File.WriteAllText(Path.Combine(etc, "sources.list"), "");
        Directory.CreateDirectory(Path.Combine(etc, "preferences.d"));
        Directory.CreateDirectory(Path.Combine(layout.AptDirectory, "state", "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(layout.AptDirectory, "cache", "archives", "partial"));
        File.WriteAllText(Path.Combine(layout.AptDirectory, "status"), "");

        log.WriteLine($"apt-get update (private state in {layout.AptDirectory})");
        var exitCode = await ProcessRunner.RunAsync(["apt-get", .. AptOptions(layout.AptDirectory), "update"], layout.AptDirectory, null, log, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"apt-get update of the private source index in {layout.AptDirectory} failed with exit code {exitCode}");
        _indexUpdated = true;
    }

    /// <summary>apt-get options that confine apt's state, cache and sources to <paramref name="apt"/>.</summary>
    internal static IEnumerable<string> AptOptions(string apt)
    {
        string[] settings =
        [
            $"Dir::State={Path.Combine(apt, "state")}",
            $"Dir::State::status={Path.Combine(apt, "status")}",
            $"Dir::Cache={Path.Combine(apt, "cache")}",
            $"Dir::Etc::SourceList={Path.Combine(apt, "etc", "sources.list")}",
            $"Dir::Etc::SourceParts={Path.Combine(apt, "etc", "sources.list.d")}",
            $"Dir::Etc::Preferences={Path.Combine(apt, "etc", "preferences")}",
            $"Dir::Etc::PreferencesParts={Path.Combine(apt, "etc", "preferences.d")}",
            "Acquire::Languages=none",
            // As root apt downloads as the _apt user, which cannot write into a private directory owned by root.
            "APT::Sandbox::User=root",
        ];
        return settings.SelectMany(s => new[] { "-o", s });
    }

    // apt links files of file: sources instead of copying them; the cache must not depend on the source staying put.
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
