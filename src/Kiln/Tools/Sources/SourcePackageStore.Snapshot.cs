using Kiln.Tools.Recipes;
using Kiln.Tools.Sources.Snapshot;

namespace Kiln.Tools.Sources;

internal sealed partial class SourcePackageStore
{
    /// <summary>Asked for the source packages apt does not serve (a pin its mirror has moved on from); null: apt's failure stands.</summary>
    public SnapshotArchive? Snapshot { get; init; }

    /// <summary>
    /// Downloads <paramref name="recipes"/> with apt into <paramref name="scratch"/>, then each package apt did not
    /// deliver from the snapshot archive. What arrives is verified by the caller like any download.
    /// </summary>
    private async Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, ISourcePackageDownloader downloader, string scratch, CancellationToken cancellationToken)
    {
        try
        {
            await downloader.DownloadSourcesAsync(recipes, scratch, log, cancellationToken);
        }
        catch (AptDownloadException unserved) when (Snapshot is not null)
        {
            foreach (var failure in unserved.Failures)
            {
                var directory = Path.Combine(scratch, failure.Name);
                // Whatever apt left of its attempt is not part of the package.
                DeleteIfExists(directory);
                await Snapshot.FetchAsync(recipes.Single(r => r.Name == failure.Name), directory, failure.Message, log, cancellationToken);
            }
        }
    }
}
