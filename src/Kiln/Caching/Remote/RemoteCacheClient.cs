using System.Net;

namespace Kiln.Caching.Remote;

/// <summary>
/// GET, HEAD and PUT against a cache server speaking Bazel's HTTP layout, where an outage never fails a build. A
/// timeout, a broken connection, a stall or a 5xx is retried with backoff, uploads like downloads; when the retries run
/// out, or the server refuses us (401, 403 or another 4xx but 404), the client turns itself off for the rest of the run
/// with one warning and every later call answers "not there" at once. A refused upload (413, 507, another 4xx), or one
/// whose retries ran out, turns off only uploads, with one warning (saying what to change on the server when it
/// refused): restores from it still work. The token goes only into the
/// Authorization header and is blanked from every message this class writes.
/// </summary>
internal sealed partial class RemoteCacheClient : IDisposable
{
    private readonly RemoteCacheOptions _options;
    private readonly TextWriter _log;
    private readonly HttpClient _http;
    private string? _offReason;
    private string? _uploadsOffReason;

    public RemoteCacheClient(RemoteCacheOptions options, TextWriter log, HttpMessageHandler? handler = null)
    {
        _options = options;
        _log = log;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = options.Url,
            // Timeouts are ours (ReadTimeout per wait), so a large blob on a slow link is not cut off mid-way.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public RemoteCacheOptions Options => _options;

    /// <summary>False once the client has turned itself off; <see cref="OffReason"/> says why.</summary>
    public bool IsOn => Volatile.Read(ref _offReason) is null;

    public string? OffReason => Volatile.Read(ref _offReason);

    /// <summary>Whether an upload may still be tried: the mode allows writing, and neither the client nor uploads are off.</summary>
    public bool CanUpload => _options.CanWrite && IsOn && Volatile.Read(ref _uploadsOffReason) is null;

    /// <summary>Why uploads stopped: the client is off, or the server refused one; null while they go on.</summary>
    public string? UploadsOffReason => OffReason ?? Volatile.Read(ref _uploadsOffReason);

    /// <summary>
    /// Writes the body of <paramref name="path"/> into the stream <paramref name="open"/> gives (called again for each
    /// attempt, so a retry never appends to a half-written body). False when the server does not have it or the client is off.
    /// </summary>
    public Task<bool> DownloadAsync(string path, Func<Stream> open, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, content: null, async (response, idle, token) =>
        {
            await using var destination = open();
            await CopyAsync(await response.Content.ReadAsStreamAsync(token), destination, idle, token);
            return true;
        }, cancellationToken);

    /// <summary>The body of <paramref name="path"/>, at most <paramref name="maxBytes"/> long; null when absent or the client is off.</summary>
    public async Task<byte[]?> GetAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        var found = await SendAsync(HttpMethod.Get, path, content: null, async (response, idle, token) =>
        {
            if (response.Content.Headers.ContentLength > maxBytes)
                throw new InvalidDataException($"GET {path}: the server sends {response.Content.Headers.ContentLength} bytes, more than the {maxBytes} a cache document can have");
            using var buffer = new MemoryStream();
            await CopyAsync(await response.Content.ReadAsStreamAsync(token), buffer, idle, token, maxBytes);
            body = buffer.ToArray();
            return true;
        }, cancellationToken);
        return found ? body : null;
    }

    /// <summary>The size the server reports for <paramref name="path"/> (HEAD), or null when absent or the client is off.</summary>
    public async Task<long?> SizeAsync(string path, CancellationToken cancellationToken)
    {
        long? size = null;
        var found = await SendAsync(HttpMethod.Head, path, content: null, (response, _, _) =>
        {
            size = response.Content.Headers.ContentLength ?? -1;
            return Task.FromResult(true);
        }, cancellationToken);
        return found ? size : null;
    }

    /// <summary>PUTs <paramref name="content"/> (created again for each attempt); false when it was not stored.</summary>
    public Task<bool> PutAsync(string path, Func<HttpContent> content, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, content, (_, _, _) => Task.FromResult(true), cancellationToken);

    /// <summary>Turns the remote tier off for the rest of the run, warning once; the first reason is the one kept.</summary>
    public void TurnOff(string reason)
    {
        var redacted = Redact(reason);
        if (Interlocked.CompareExchange(ref _offReason, redacted, null) is null)
            _log.WriteLine(Redact($"warning: remote cache {_options}: {redacted}; going on without it for the rest of this run"));
    }

    /// <summary>Stops uploads for the rest of the run, warning once; restores go on. The first reason is the one kept.</summary>
    public void StopUploads(string reason)
    {
        var redacted = Redact(reason);
        if (Interlocked.CompareExchange(ref _uploadsOffReason, redacted, null) is null)
            _log.WriteLine(Redact($"warning: remote cache {_options}: {redacted}; uploads are off for the rest of this run, restores go on"));
    }

    /// <summary><paramref name="text"/> with both tokens blanked, for anything printed that could echo one back.</summary>
    public string Redact(string text) =>
        new[] { _options.Token, _options.ReadToken }.OfType<string>().Where(token => token.Length > 0)
            .Aggregate(text, (redacted, token) => redacted.Replace(token, "***", StringComparison.Ordinal));

    /// <summary>Which variable to fix after a 401 or 403: the one whose token was sent, or both when neither is set.</summary>
    private string CredentialAdvice() =>
        _options.Credential is { } credential ? credential.Variable
        : $"{_options.Parameters.TokenVariable} or {_options.Parameters.ReadTokenVariable}, neither of which is set";

    public void Dispose() => _http.Dispose();
}
