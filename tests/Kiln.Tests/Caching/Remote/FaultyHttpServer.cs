using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kiln.Tests.Caching.Remote;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 and a free port for the faults a real cache server cannot be made to show: late,
/// cut-short, stalled or missing answers. It speaks over raw sockets because HttpListener always answers properly.
/// Every request is recorded, then answered as <c>handler</c> says, one request per connection (<c>Connection: close</c>).
/// </summary>
internal sealed class FaultyHttpServer : IAsyncDisposable
{
    private readonly Func<FaultyHttpRequest, FaultyHttpResponse> _handler;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FaultyHttpRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;
    private int _received;

    public FaultyHttpServer(Func<FaultyHttpRequest, FaultyHttpResponse> handler)
    {
        _handler = handler;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>The server's base URL, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>The requests received so far, in the order they arrived.</summary>
    public IReadOnlyList<FaultyHttpRequest> Requests => [.. _requests];

    /// <summary>Stops listening and ends every connection, stalled ones too; a handler's exception surfaces here.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                // Stopping the listener ends the pending accept with a cancellation or a socket error.
                return;
            }

            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var network = client.GetStream();
                var request = await ReadRequestAsync(new BufferedStream(network), network, _stopping.Token);
                if (request is not null)
                    await AnswerAsync(network, request.Method, _handler(request), _stopping.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The client went away or the server is stopping: either ends this connection, as a fault would.
            }
        }
    }

    /// <summary>The request, or null when the client closed the connection before sending one.</summary>
    private async Task<FaultyHttpRequest?> ReadRequestAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var requestLine = await ReadLineAsync(input, cancellationToken);
        if (string.IsNullOrEmpty(requestLine))
            return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await ReadLineAsync(input, cancellationToken); !string.IsNullOrEmpty(line); line = await ReadLineAsync(input, cancellationToken))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        // A client that asks before sending its body waits for this, as it would with nginx.
        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            await output.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken);

        var body = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? await ReadChunkedAsync(input, cancellationToken)
            : await ReadExactlyAsync(input, headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, CultureInfo.InvariantCulture) : 0, cancellationToken);

        var parts = requestLine.Split(' ');
        var request = new FaultyHttpRequest(Interlocked.Increment(ref _received) - 1, parts[0], parts[1], headers.GetValueOrDefault("Authorization"), body);
        _requests.Enqueue(request);
        return request;
    }

    private static async Task AnswerAsync(Stream output, string method, FaultyHttpResponse response, CancellationToken cancellationToken)
    {
        if (response.CloseWithoutAnswer)
            return;
        await Task.Delay(response.DelayBeforeHeaders, cancellationToken);

        var head = new StringBuilder($"HTTP/1.1 {response.StatusCode} \r\nContent-Length: {response.Body.Length}\r\nConnection: close\r\n");
        foreach (var (name, value) in response.Headers)
            head.Append($"{name}: {value}\r\n");
        await output.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        if (method != "HEAD")
            await output.WriteAsync(response.Body.AsMemory(0, response.BodyBytesSent ?? response.Body.Length), cancellationToken);
        if (response.StallAfterBody)
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream input, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(input, cancellationToken) ?? throw new IOException("The request ended inside its chunked body");
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
                break;
            body.Write(await ReadExactlyAsync(input, size, cancellationToken));
            await ReadLineAsync(input, cancellationToken);
        }

        // Trailer fields, if any, up to the empty line that ends the request.
        string? trailer;
        do
            trailer = await ReadLineAsync(input, cancellationToken);
        while (!string.IsNullOrEmpty(trailer));

        return body.ToArray();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream input, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await input.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>One CRLF-terminated line without its terminator, or null at the end of the stream.</summary>
    private static async Task<string?> ReadLineAsync(Stream input, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await input.ReadAsync(one, cancellationToken) == 1)
        {
            if (one[0] == '\n')
                return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            line.Add(one[0]);
        }

        return line.Count == 0 ? null : throw new IOException("The request ended inside a line");
    }
}
