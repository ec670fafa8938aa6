using System.Net.Http.Headers;

namespace Kiln.Tests.Caching.Remote;

public sealed class FaultyHttpServerTests
{
    [Test]
    public async Task A_truncated_body_fails_the_clients_read()
    {
        await using var server = new FaultyHttpServer(_ => FaultyHttpResponse.Truncated(new byte[100], bytesSent: 40));
        using var client = new HttpClient();

        var read = client.GetByteArrayAsync($"{server.Url}/cas/blob");

        var error = Assert.ThrowsAsync<HttpRequestException>(() => read)!;
        Assert.That(error.HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded));
    }

    [Test]
    public async Task Requests_are_recorded_with_path_authorization_and_body_whether_sized_or_chunked()
    {
        await using var server = new FaultyHttpServer(request => FaultyHttpResponse.Status(request.Index == 0 ? 500 : 201));
        byte[] blob = [.. Enumerable.Range(0, 70_000).Select(i => (byte)i)];
        // A stream of unknown length makes HttpClient send the body chunked.
        var content = new StreamContent(new UnseekableStream(blob));
        using var client = new HttpClient();

        var first = await client.SendAsync(Put($"{server.Url}/cache/cas/blob", new ByteArrayContent(blob)));
        var second = await client.SendAsync(Put($"{server.Url}/cache/cas/blob", content));

        Assert.That(new[] { (int)first.StatusCode, (int)second.StatusCode }, Is.EqualTo(new[] { 500, 201 }));
        Assert.That(second.RequestMessage!.Headers.TransferEncodingChunked, Is.True);
        Assert.That(server.Requests.Select(r => (r.Method, r.Path, r.Authorization)),
            Is.EqualTo(Enumerable.Repeat(("PUT", "/cache/cas/blob", (string?)"Bearer s3cret"), 2)));
        Assert.That(server.Requests.Select(r => r.Body), Is.All.EqualTo(blob));
    }

    private static HttpRequestMessage Put(string url, HttpContent content) =>
        new(HttpMethod.Put, url) { Content = content, Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };

    /// <summary>Reads like a network stream: no length, so the client cannot announce one.</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
