using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources;

/// <summary>
/// Downloads pinned Debian packages with apt's own client, wherever that apt lives: on the host, or inside the builder
/// image (whose apt is Debian's even when the host's is not). Downloads are unverified; the
/// <see cref="SourcePackageStore"/> and <see cref="BinaryPackageFetcher"/> verify them before anything uses them.
/// </summary>
internal interface ISourcePackageDownloader
{
    /// <summary>Downloads each recipe's <c>.dsc</c> and the files it lists into <c>&lt;directory&gt;/&lt;recipe name&gt;/</c>.</summary>
    Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken);

    /// <summary>Downloads each data recipe's <c>.deb</c> (<c>apt-get download</c>) into <c>&lt;directory&gt;/&lt;recipe name&gt;/</c>.</summary>
    Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken);
}
