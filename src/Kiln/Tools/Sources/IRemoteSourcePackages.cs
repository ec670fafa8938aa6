using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>
/// A remote tier of verified packages, seen from the store that uses it. The sources side owns this contract and the
/// remote cache implements it, so the remote cache depends on sources and never the other way round.
/// Nothing fetched is trusted: the store verifies it against the pins before publishing it.
/// </summary>
internal interface IRemoteSourcePackages
{
    /// <summary>Downloads the package's .dsc and the files it lists into <paramref name="directory"/>; false when the remote lacks one.</summary>
    Task<bool> TryFetchAsync(ToolRecipe recipe, string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads the recipe's .deb into <paramref name="directory"/> under the name apt gives it
    /// (<c>package_version_arch.deb</c>, the arch read from the package itself), so <c>oss_source.tgz</c> does not
    /// depend on which tier delivered it; false when the remote lacks it.
    /// </summary>
    Task<bool> TryFetchAsync(DataRecipe recipe, string directory, CancellationToken cancellationToken);

    /// <summary>Queues the upload of every file of a verified package, the .dsc last (readers start from it).</summary>
    void EnqueueUpload(string name, string packageDirectory, CancellationToken cancellationToken);
}
