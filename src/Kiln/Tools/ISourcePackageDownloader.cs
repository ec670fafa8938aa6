namespace Kiln.Tools;

/// <summary>
/// Downloads pinned Debian source packages with apt's own client, wherever that apt lives: on the host, or inside the
/// builder image (whose apt is Debian's even when the host's is not). Downloads are unverified; the
/// <see cref="SourcePackageStore"/> verifies them before anything uses them.
/// </summary>
internal interface ISourcePackageDownloader
{
    /// <summary>Downloads each recipe's <c>.dsc</c> and the files it lists into <c>&lt;directory&gt;/&lt;recipe name&gt;/</c>.</summary>
    Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken);
}
