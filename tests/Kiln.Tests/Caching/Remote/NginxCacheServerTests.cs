using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Kiln.Tests.Support;

namespace Kiln.Tests.Caching.Remote;

public sealed class NginxCacheServerTests
{
    private readonly HttpClient _client = new();

    [OneTimeTearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task A_put_blob_is_stored_under_root_and_served_back_by_get_and_head()
    {
        using var server = NginxCacheServer.Start();
        byte[] blob = [1, 2, 3, 4, 5];
        var url = $"{server.Url}/cas/{new string('a', 64)}";

        var put = await _client.PutAsync(url, new ByteArrayContent(blob));
        var got = await _client.GetByteArrayAsync(url);
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(got, Is.EqualTo(blob));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(blob.Length));
        Assert.That(File.ReadAllBytes(Path.Combine(server.Root, "cas", new string('a', 64))), Is.EqualTo(blob));
    }

    [Test]
    public async Task A_put_to_a_deep_path_creates_its_directories()
    {
        using var server = NginxCacheServer.Start();

        var put = await _client.PutAsync($"{server.Url}/ac/x86_64/fio/key", new StringContent("{}"));

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(File.ReadAllText(Path.Combine(server.Root, "ac", "x86_64", "fio", "key")), Is.EqualTo("{}"));
    }

    [Test]
    public async Task With_a_token_a_request_without_it_is_401_with_another_is_403_and_with_it_succeeds()
    {
        using var server = NginxCacheServer.Start(token: "s3cret");
        Directory.CreateDirectory(Path.Combine(server.Root, "ac"));
        File.WriteAllText(Path.Combine(server.Root, "ac", "key"), "{}");
        var url = $"{server.Url}/ac/key";

        var without = await _client.GetAsync(url);
        var wrong = await _client.SendAsync(Get(url, "other"));
        var right = await _client.SendAsync(Get(url, "s3cret"));

        Assert.That(new[] { without.StatusCode, wrong.StatusCode, right.StatusCode },
            Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK }));
    }

    [Test]
    public async Task The_read_token_may_get_and_head_but_its_put_is_refused_and_stores_nothing_while_the_write_token_may_put()
    {
        using var server = NginxCacheServer.Start(token: "wr1te", readToken: "r3ad");
        Directory.CreateDirectory(Path.Combine(server.Root, "ac"));
        File.WriteAllText(Path.Combine(server.Root, "ac", "key"), "{}");
        var url = $"{server.Url}/ac/key";
        var planted = $"{server.Url}/ac/planted";

        var get = await _client.SendAsync(Request(HttpMethod.Get, url, "r3ad"));
        var head = await _client.SendAsync(Request(HttpMethod.Head, url, "r3ad"));
        var readPut = await _client.SendAsync(Request(HttpMethod.Put, planted, "r3ad", new StringContent("{\"planted\":true}")));
        var readDelete = await _client.SendAsync(Request(HttpMethod.Delete, url, "r3ad"));
        var writePut = await _client.SendAsync(Request(HttpMethod.Put, $"{server.Url}/ac/written", "wr1te", new StringContent("{}")));

        Assert.That(new[] { get.StatusCode, head.StatusCode }, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK }));
        Assert.That(new[] { readPut.StatusCode, readDelete.StatusCode }, Is.EqualTo(new[] { HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }));
        Assert.That(File.Exists(Path.Combine(server.Root, "ac", "planted")), Is.False);
        Assert.That(File.Exists(Path.Combine(server.Root, "ac", "key")), Is.True);
        Assert.That(writePut.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Without_a_read_token_configured_a_bearer_with_an_empty_token_is_refused()
    {
        using var server = NginxCacheServer.Start(token: "wr1te");
        Directory.CreateDirectory(Path.Combine(server.Root, "ac"));
        File.WriteAllText(Path.Combine(server.Root, "ac", "key"), "{}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Url}/ac/key");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Methods_other_than_get_head_and_put_are_refused_and_the_log_lists_every_request_with_its_status()
    {
        using var server = NginxCacheServer.Start();
        var url = $"{server.Url}/ac/key";

        var delete = await _client.DeleteAsync(url);
        var get = await _client.GetAsync(url);
        var requests = await server.RequestsAsync();

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(requests, Is.EqualTo(new[]
        {
            new NginxCacheServer.LoggedRequest("DELETE", "/kiln/ac/key", 403),
            new NginxCacheServer.LoggedRequest("GET", "/kiln/ac/key", 404),
        }));
    }

    [Test]
    public async Task A_put_larger_than_nginxs_default_body_limit_is_stored()
    {
        using var server = NginxCacheServer.Start();
        var blob = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(blob);

        var put = await _client.PutAsync($"{server.Url}/cas/{new string('b', 64)}", new ByteArrayContent(blob));

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        // Digests, not the bytes: NUnit compares megabytes of array element by element, for seconds.
        Assert.That(SHA256.HashData(File.ReadAllBytes(Path.Combine(server.Root, "cas", new string('b', 64)))), Is.EqualTo(SHA256.HashData(blob)));
    }

    [Test]
    public async Task Nothing_outside_the_cache_path_is_served()
    {
        using var server = NginxCacheServer.Start();

        var root = await _client.GetAsync(server.Url.Replace("/kiln", "/", StringComparison.Ordinal));

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static HttpRequestMessage Get(string url, string token) => Request(HttpMethod.Get, url, token);

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, HttpContent? content = null) =>
        new(method, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) }, Content = content };
}
