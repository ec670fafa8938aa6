using Kiln.Processes;
using Kiln.Targets.Foundation;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources.Apt;

namespace Kiln.Tools.Sources;

/// <summary>
/// Downloads source packages with the host's apt, against a private apt state in <paramref name="stateDirectory"/> whose
/// deb-src entries are derived from the machine's apt sources: the host's apt state is never changed and needs no root.
/// </summary>
internal sealed class HostAptSourceDownloader(string stateDirectory, string aptConfigurationDirectory = "/etc/apt") : ISourcePackageDownloader
{
    private bool _indexUpdated;
    private bool _binaryIndexUpdated;

    /// <summary>The binary index is a copy of the machine's own binary sources, in a state of its own beside the source index.</summary>
    private string BinaryStateDirectory => stateDirectory + "-binary";

    public async Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        await UpdateIndexOnceAsync(log, cancellationToken);
        await DownloadEachAsync(stateDirectory, recipes.Select(r => (r.Name, new[] { "source", "--download-only", r.AptSourceSpec }, r.RecipeFile)),
            directory, log, cancellationToken);
    }

    public async Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        await UpdateBinaryIndexOnceAsync(log, cancellationToken);
        await DownloadEachAsync(BinaryStateDirectory, recipes.Select(r => (r.Name, new[] { "download", r.AptSpec }, r.RecipeFile)),
            directory, log, cancellationToken);
    }

    /// <summary>
    /// Runs one apt-get command per package, in <c>&lt;directory&gt;/&lt;name&gt;/</c>, against the private
    /// <paramref name="state"/>; a package apt cannot deliver does not stop the others (<see cref="AptDownloadException"/>).
    /// </summary>
    private static async Task DownloadEachAsync(string state, IEnumerable<(string Name, string[] Command, string RecipeFile)> downloads,
        string directory, TextWriter log, CancellationToken cancellationToken)
    {
        var failures = new List<AptDownloadException.Failure>();
        foreach (var (name, command, recipeFile) in downloads)
        {
            var target = Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
            var described = $"apt-get {string.Join(' ', command)}";
            log.WriteLine($"{name}: {described}");
            var exitCode = await ProcessRunner.RunAsync(["apt-get", .. AptOptions(state), .. command], target, null, log, cancellationToken);
            if (exitCode != 0)
                failures.Add(new(name,
                    $"{name}: '{described}' failed with exit code {exitCode} (pinned in {recipeFile}); "
                    + "is this version served by the host's apt sources? A host on another release than the pin's builds with --executor docker."));
        }

        if (failures.Count > 0)
            throw new AptDownloadException(failures);
    }

    private async Task UpdateBinaryIndexOnceAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (_binaryIndexUpdated)
            return;
        var etc = Path.Combine(BinaryStateDirectory, "etc");
        if (Directory.Exists(etc))
            Directory.Delete(etc, recursive: true);
        var parts = Directory.CreateDirectory(Path.Combine(etc, "sources.list.d")).FullName;
        var hostList = Path.Combine(aptConfigurationDirectory, "sources.list");
        File.WriteAllText(Path.Combine(etc, "sources.list"), File.Exists(hostList) ? File.ReadAllText(hostList) : "");
        var hostParts = Path.Combine(aptConfigurationDirectory, "sources.list.d");
        if (Directory.Exists(hostParts))
        {
            foreach (var file in Directory.EnumerateFiles(hostParts).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(parts, Path.GetFileName(file)));
        }

        await UpdateAsync(BinaryStateDirectory, "binary", log, cancellationToken);
        _binaryIndexUpdated = true;
    }

    private async Task UpdateIndexOnceAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (_indexUpdated)
            return;

        var sources = AptSourceList.DeriveSourceEntries(aptConfigurationDirectory);
        if (sources.IsEmpty)
            throw new BuildException(
                $"No apt sources are configured in {aptConfigurationDirectory} (sources.list, sources.list.d/*.list, *.sources): cannot fetch tool sources on the host; build with --executor docker");

        var etc = Path.Combine(stateDirectory, "etc");
        if (Directory.Exists(Path.Combine(etc, "sources.list.d")))
            Directory.Delete(Path.Combine(etc, "sources.list.d"), recursive: true);
        sources.WriteTo(Path.Combine(etc, "sources.list.d"));
        File.WriteAllText(Path.Combine(etc, "sources.list"), "");
        await UpdateAsync(stateDirectory, "source", log, cancellationToken);
        _indexUpdated = true;
    }

    /// <summary>Creates the rest of a private apt state around its sources and refreshes its index.</summary>
    private static async Task UpdateAsync(string state, string kind, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(state, "etc", "preferences.d"));
        Directory.CreateDirectory(Path.Combine(state, "state", "lists", "partial"));
        Directory.CreateDirectory(Path.Combine(state, "cache", "archives", "partial"));
        File.WriteAllText(Path.Combine(state, "status"), "");

        log.WriteLine($"apt-get update (private {kind} index in {state})");
        var exitCode = await ProcessRunner.RunAsync(["apt-get", .. AptOptions(state), "update"], state, null, log, cancellationToken);
        if (exitCode != 0)
            throw new BuildException($"apt-get update of the private {kind} index in {state} failed with exit code {exitCode}");
    }

    /// <summary>apt-get options that confine apt's state, cache and sources to <paramref name="stateDirectory"/>.</summary>
    private static IEnumerable<string> AptOptions(string stateDirectory)
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
