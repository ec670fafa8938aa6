namespace Kiln.Caching.Remote;

/// <summary>
/// Where the remote tools cache is and how to talk to it. The URL comes from <c>--remote-cache</c> or
/// <c>KILN_REMOTE_CACHE</c>; the token and the signing key only from the environment, so they never reach a command
/// line, a parameters file or a log.
/// </summary>
internal sealed record RemoteCacheOptions
{
    public const string TokenVariable = "KILN_REMOTE_CACHE_TOKEN";
    public const string SigningKeyVariable = "KILN_REMOTE_CACHE_SIGNING_KEY";

    private RemoteCacheOptions(Uri url, RemoteCacheMode mode)
    {
        Url = url;
        Mode = mode;
    }

    /// <summary>The cache's base URL, always ending in <c>/</c> so that <c>ac/…</c> and <c>cas/…</c> resolve under its path.</summary>
    public Uri Url { get; }

    public RemoteCacheMode Mode { get; }

    public string? Token { get; init; }

    /// <summary>Entries are signed on upload and a restore refuses unsigned or badly signed ones (<see cref="EntrySignature"/>).</summary>
    public byte[]? SigningKey { get; init; }

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
    public static RemoteCacheOptions? Create(string? url, RemoteCacheMode mode, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new Targets.BuildException($"--remote-cache (KILN_REMOTE_CACHE): '{url}' is not an http:// or https:// URL.");
        if (uri.UserInfo.Length > 0)
            throw new Targets.BuildException($"--remote-cache (KILN_REMOTE_CACHE): the URL holds credentials; give the token in {TokenVariable} instead, which is never printed.");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new Targets.BuildException($"--remote-cache (KILN_REMOTE_CACHE): '{url}' has a query or fragment; give the cache's base URL, e.g. https://cache.example/kiln.");

        var baseUrl = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return new RemoteCacheOptions(baseUrl, mode)
        {
            Token = NonBlank(environment(TokenVariable)),
            SigningKey = NonBlank(environment(SigningKeyVariable)) is { } key ? System.Text.Encoding.UTF8.GetBytes(key) : null,
        };
    }

    /// <summary>The URL as printed: without a trailing slash.</summary>
    public override string ToString() => Url.AbsoluteUri.TrimEnd('/');

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
