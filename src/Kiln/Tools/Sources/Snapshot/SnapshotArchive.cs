using Kiln.Targets;
using Kiln.Targets.Fingerprints;
using Kiln.Targets.Foundation;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Sources.Snapshot;

/// <summary>
/// A snapshot archive with the layout of Debian's, which serves every source package version ever published: where
/// the apt mirror has moved on from a pinned version (a point release replaced it), its <c>.dsc</c> and files come from
/// here. Nothing it serves is trusted: the <c>.dsc</c> is checked against the recipe's pin before a name in it is used,
/// and every other file against the <c>.dsc</c> before the next is asked for.
/// </summary>
internal sealed class SnapshotArchive
{
    private readonly Uri? _url;

    private SnapshotArchive(Uri? url, ParameterName parameter)
    {
        _url = url;
        Parameter = parameter;
    }

    /// <summary>
    /// The archive's base URL, always ending in <c>/</c> so that <c>mr/…</c> and <c>file/…</c> resolve under its path.
    /// </summary>
    /// <exception cref="InvalidOperationException">No archive is set.</exception>
    public Uri Url => _url ?? throw new InvalidOperationException($"{Parameter}: no snapshot archive is set");

    /// <summary>Whether a URL was given: none is by default, since the repository names no archive host.</summary>
    public bool IsSet => _url is not null;

    /// <summary>The parameter holding <see cref="Url"/>, for messages that say how to point the build at another archive.</summary>
    public ParameterName Parameter { get; }

    /// <summary>How long one request may take, its body included: a source tarball is a few MB, the archive is often slow.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <exception cref="BuildException"><paramref name="url"/> is not an http(s) URL without query, naming <paramref name="parameter"/>.</exception>
    public static SnapshotArchive Create(string url, ParameterName parameter)
    {
        if (string.IsNullOrWhiteSpace(url))
            return new SnapshotArchive(null, parameter);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new BuildException($"{parameter} ({parameter.EnvironmentVariable}): '{url}' is not the http:// or https:// base URL of a snapshot archive.");
        return new SnapshotArchive(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"), parameter);
    }

    /// <summary>Where the archive lists the files of <paramref name="recipe"/>'s pinned version (the version with its epoch).</summary>
    public Uri SourceFilesUrl(ToolRecipe recipe) =>
        new(Url, $"mr/package/{Uri.EscapeDataString(recipe.SourcePackage)}/{Uri.EscapeDataString(recipe.Version)}/srcfiles?fileinfo=1");

    public Uri FileUrl(string sha1) => new(Url, $"file/{sha1}");

    /// <summary>
    /// Downloads the pinned <c>.dsc</c> of <paramref name="recipe"/> and every file it lists into
    /// <paramref name="directory"/>, each verified on arrival. <paramref name="aptFailure"/> says why apt did not serve
    /// it, for the message when the archive cannot either.
    /// </summary>
    /// <exception cref="SourceVerificationException">A file differs from its pin; names it, where it came from, and both digests.</exception>
    /// <exception cref="BuildException">The archive lacks the version or cannot be reached; names the package, version and URL.</exception>
    public async Task FetchAsync(ToolRecipe recipe, string directory, string aptFailure, TextWriter log, CancellationToken cancellationToken)
    {
        if (!IsSet)
            throw new BuildException($"{aptFailure}{Environment.NewLine}{recipe.Name}: no snapshot archive is set to fetch the pinned {recipe.AptSourceSpec} from: "
                + $"set {Parameter} ({Parameter.EnvironmentVariable}) to the base URL of Debian's snapshot archive or of a team's mirror of it.");
        log.WriteLine($"{recipe.Name}: apt does not serve {recipe.AptSourceSpec}; fetching it from the snapshot archive {Url}");
        Directory.CreateDirectory(directory);
        using var http = new HttpClient { Timeout = Timeout };
        var listing = SourceFilesUrl(recipe);
        SnapshotSourceFiles files;
        try
        {
            files = SnapshotSourceFiles.Parse(await http.GetStringAsync(listing, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(recipe, $"{listing} answered {Describe(e)}", aptFailure);
        }

        var dscName = SourcePackageVerifier.DscFileName(recipe);
        var dscPath = Path.Combine(directory, dscName);
        await DownloadVerifiedAsync(http, recipe, files, dscName, dscPath, recipe.DscSha256, $"{recipe.RecipeFile} (dscSha256)", aptFailure, cancellationToken);
        foreach (var (name, sha256, _) in DscFile.Read(dscPath).Files)
        {
            if (Path.GetFileName(name) != name || name is "." or "..")
                throw new InvalidDataException($"{recipe.Name}: {dscName} lists '{name}', which is not a plain file name");
            await DownloadVerifiedAsync(http, recipe, files, name, Path.Combine(directory, name), sha256, dscName, aptFailure, cancellationToken);
        }

        log.WriteLine($"{recipe.Name}: source {recipe.AptSourceSpec} from the snapshot archive, verified");
    }

    /// <summary>
    /// Downloads the file the archive publishes as <paramref name="name"/> and keeps it only when its SHA-256 is
    /// <paramref name="sha256"/>; where several files carry the name, the first that matches.
    /// </summary>
    private async Task DownloadVerifiedAsync(HttpClient http, ToolRecipe recipe, SnapshotSourceFiles files, string name, string path,
        string sha256, string pinnedBy, string aptFailure, CancellationToken cancellationToken)
    {
        var candidates = files.Sha1sOf(name);
        if (candidates.Count == 0)
            throw Unavailable(recipe, $"{SourceFilesUrl(recipe)} lists no {name}", aptFailure);
        SourceVerificationException? refused = null;
        foreach (var sha1 in candidates)
        {
            var url = FileUrl(sha1);
            try
            {
                await using (var body = await http.GetStreamAsync(url, cancellationToken))
                await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                    await body.CopyToAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(recipe, $"{url} ({name}) answered {Describe(e)}", aptFailure);
            }

            var actual = ContentHash.OfFile(path);
            if (actual == sha256)
                return;
            File.Delete(path);
            refused = new SourceVerificationException(recipe.Name, $"{name} from the snapshot archive ({url})", sha256, actual, pinnedBy);
        }

        throw refused!;
    }

    private BuildException Unavailable(ToolRecipe recipe, string what, string aptFailure) => new(
        $"{recipe.Name}: neither apt nor the snapshot archive serves source package {recipe.SourcePackage} version {recipe.Version} "
        + $"(pinned in {recipe.RecipeFile}): {what}. Point {Parameter} ({Parameter.EnvironmentVariable}) at an archive that holds it. apt: {aptFailure}");

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException { StatusCode: { } status } => $"{(int)status} {status}",
        TaskCanceledException => "nothing within the time limit",
        _ => e.Message,
    };
}
