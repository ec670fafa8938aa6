using Kiln.Processes;
namespace Kiln.Tools;

/// <summary>
/// Downloads source packages with the host's apt, against a private apt state in <paramref name="stateDirectory"/> whose
/// deb-src entries are derived from the machine's apt sources: the host's apt state is never changed and needs no root.
/// </summary>
internal sealed class HostAptSourceDownloader(string stateDirectory, string aptConfigurationDirectory = "/etc/apt") : ISourcePackageDownloader
{
    private bool _indexUpdated;

    public async Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        await UpdateIndexOnceAsync(log, cancellationToken);
        foreach (var recipe in recipes)
        {
            var target = Directory.CreateDirectory(Path.Combine(directory, recipe.Name)).FullName;
            log.WriteLine($"{recipe.Name}: apt-get source --download-only {recipe.AptSourceSpec}");
            var exitCode = await ProcessRunner.RunAsync(
                ["apt-get", .. AptOptions(), "source", "--download-only", recipe.AptSourceSpec], target, null, log, cancellationToken);
            if (exitCode != 0)
                throw new Targets.BuildException(
                    $"{recipe.Name}: 'apt-get source --download-only {recipe.AptSourceSpec}' failed with exit code {exitCode} (pinned in {recipe.RecipeFile}); "
                    + "is this version served by the host's apt sources? A host on another release than the pin's builds with --executor docker.");
        }
    }

    private async Task UpdateIndexOnceAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (_indexUpdated)
            return;

        var sources = AptSourceList.DeriveSourceEntries(aptConfigurationDirectory);
        if (sources.IsEmpty)
            throw new Targets.BuildException(
                $"No apt sources are configured in {aptConfigurationDirectory} (sources.list, sources.list.d/*.list, *.sources): cannot fetch tool sources on the host; build with --executor docker");

        var etc = Path.Combine(stateDirectory, "etc");
        if (Directory.Exists(Path.Combine(etc, "sources.list.d")))
            Directory.Delete(Path.Combine(etc, "sources.list.d"), recursive: true);
        sources.WriteTo(Path.Combine(etc, "sources.list.d"));
        File.WriteAllText(Path.Combine(etc, "sources.list"), "");
        Directory.CreateDirectory(Path.Combine(etc, "preferences.d"));
        Directory.CreateDirectory(Path.Combine(stateDirectory, "state", "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(stateDirectory, "cache", "archives", "partial"));
        File.WriteAllText(Path.Combine(stateDirectory, "status"), "");

        log.WriteLine($"apt-get update (private state in {stateDirectory})");
        var exitCode = await ProcessRunner.RunAsync(["apt-get", .. AptOptions(), "update"], stateDirectory, null, log, cancellationToken);
        if (exitCode != 0)
            throw new Targets.BuildException($"apt-get update of the private source index in {stateDirectory} failed with exit code {exitCode}");
        _indexUpdated = true;
    }

    private IEnumerable<string> AptOptions()
    {
        string[] settings =
        [
            $"Dir::State={Path.Combine(stateDirectory, "state")}",
            $"Dir::State::status={Path.Combine(stateDirectory, "status")}",
            $"Dir::Cache={Path.Combine(stateDirectory, "cache")}",
            $"Dir::Etc::SourceList={Path.Combine(stateDirectory, "etc", "sources.list")}",
            $"Dir::Etc::SourceParts={Path.Combine(stateDirectory, "etc", "sources.list.d")}",
            $"Dir::Etc::Preferences={Path.Combine(stateDirectory, "etc", "preferences")}",
            $"Dir::Etc::PreferencesParts={Path.Combine(stateDirectory, "etc", "preferences.d")}",
            "Acquire::Languages=none",
            // As root apt downloads as the _apt user, which cannot write into a private directory owned by root.
            "APT::Sandbox::User=root",
        ];
        return settings.SelectMany(s => new[] { "-o", s });
    }
}
