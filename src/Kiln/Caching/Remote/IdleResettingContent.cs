namespace Kiln.Caching.Remote;

/// <summary>
/// An upload's body that restarts the idle timer with each chunk the connection takes: a server that stops reading
/// fails the upload after ReadTimeout, while a large blob on a slow link is not cut off for taking longer in total.
/// </summary>
internal sealed class IdleResettingContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action _progress;

    public IdleResettingContent(HttpContent inner, Action progress)
    {
        _inner = inner;
        _progress = progress;
        Headers.ContentType = inner.Headers.ContentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await _inner.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            _progress();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner.Dispose();
        base.Dispose(disposing);
    }
}
