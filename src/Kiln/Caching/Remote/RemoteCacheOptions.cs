using Kiln.Targets.Foundation;

namespace Kiln.Caching.Remote;

/// <summary>
/// Where the remote tools cache is and how to talk to it. The URL comes from a parameter; the token only from the
/// environment (<see cref="RemoteCacheParameters"/> names them all).
/// </summary>
internal sealed record RemoteCacheOptions
{
    private RemoteCacheOptions(Uri url, RemoteCacheMode mode, RemoteCacheParameters parameters)
    {
        Url = url;
        Mode = mode;
        Parameters = parameters;
    }

    /// <summary>The cache's base URL, always ending in <c>/</c> so that <c>ac/…</c> and <c>cas/…</c> resolve under its path.</summary>
    public Uri Url { get; }

    public RemoteCacheMode Mode { get; }

    /// <summary>How the build names the settings, for messages that say which one to fix.</summary>
    public RemoteCacheParameters Parameters { get; }

    /// <summary>The write token, which the server also accepts for reads.</summary>
    public string? Token { get; init; }

    /// <summary>A token the server accepts for reads only.</summary>
    public string? ReadToken { get; init; }

    /// <summary>
    /// The token requests carry, with the variable it came from for messages: a build that may write sends the write
    /// token, a read-only one the read token, so a read-only build holding both never uses more than it needs; either
    /// sends the other when it has only that one.
    /// </summary>
    public (string Value, string Variable)? Credential =>
        (CanWrite ? Token : ReadToken) is { } preferred ? (preferred, CanWrite ? Parameters.TokenVariable : Parameters.ReadTokenVariable)
        : (CanWrite ? ReadToken : Token) is { } other ? (other, CanWrite ? Parameters.ReadTokenVariable : Parameters.TokenVariable)
        : null;

    /// <summary>Entries are signed on upload with the team's key, and a restore with trusted keys refuses unsigned or badly signed ones.</summary>
    public EntryTrust Trust { get; init; } = EntryTrust.None;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait for response headers, and for each read of a body: a stalled server fails, a slow download of a large blob does not.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a timeout, a broken connection or a 5xx, before the remote tier is turned off for the run.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The wait before the first retry; it doubles with each further one.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public bool CanWrite => Mode == RemoteCacheMode.ReadWrite;

    /// <summary>
    /// The options for <paramref name="url"/>, or null when no remote cache is configured (null or blank: an unset
    /// repository variable reaches a CI job as an empty string). Credentials in the URL are refused: they would be
    /// printed with it.
    /// </summary>
    public static RemoteCacheOptions? Create(string? url, RemoteCacheMode mode, RemoteCacheParameters parameters, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BuildException($"{parameters.UrlDisplayName}: '{url}' is not an http:// or https:// URL.");
        if (uri.UserInfo.Length > 0)
            throw new BuildException($"{parameters.UrlDisplayName}: the URL holds credentials; give the token in {parameters.TokenVariable} instead, which is never printed.");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new BuildException($"{parameters.UrlDisplayName}: '{url}' has a query or fragment; give the cache's base URL, e.g. https://cache.example/kiln.");

        var baseUrl = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new RemoteCacheOptions(baseUrl, mode, parameters)
        {
            Token = NonBlank(environment(parameters.TokenVariable)),
            ReadToken = NonBlank(environment(parameters.ReadTokenVariable)),
        };
    }

    /// <summary>The URL as printed: without a trailing slash.</summary>
    public override string ToString() => Url.AbsoluteUri.TrimEnd('/');

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
