namespace Kiln.Tests.Caching.Remote;

/// <summary>What <see cref="FaultyHttpServer"/> does with one request: an answer that may come late, stop short or never come.</summary>
internal sealed record FaultyHttpResponse
{
    public int StatusCode { get; init; } = 200;

    /// <summary>The body; its full length is always the Content-Length, also when less of it is sent.</summary>
    public byte[] Body { get; init; } = [];

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the server waits before the status line: a server slower than the client's timeout.</summary>
    public TimeSpan DelayBeforeHeaders { get; init; }

    /// <summary>How many bytes of the body are sent; null sends all of them.</summary>
    public int? BodyBytesSent { get; init; }

    /// <summary>After the bytes sent, the connection stays open and silent until the server is disposed, instead of closing.</summary>
    public bool StallAfterBody { get; init; }

    /// <summary>The request is read and the connection closed with nothing sent.</summary>
    public bool CloseWithoutAnswer { get; init; }

    public static FaultyHttpResponse Status(int statusCode, byte[]? body = null) => new() { StatusCode = statusCode, Body = body ?? [] };

    /// <summary>Announces all of <paramref name="body"/>, sends <paramref name="bytesSent"/> of it and closes the connection.</summary>
    public static FaultyHttpResponse Truncated(byte[] body, int bytesSent) => Status(200, body) with { BodyBytesSent = bytesSent };

    /// <summary>Announces all of <paramref name="body"/>, sends <paramref name="bytesSent"/> of it and then sends nothing more.</summary>
    public static FaultyHttpResponse StalledMidBody(byte[] body, int bytesSent) => Truncated(body, bytesSent) with { StallAfterBody = true };

    public static FaultyHttpResponse NoAnswer { get; } = new() { CloseWithoutAnswer = true };
}
