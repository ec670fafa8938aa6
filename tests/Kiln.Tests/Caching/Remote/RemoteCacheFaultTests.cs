using System.Net;
using System.Net.Sockets;
using System.Text;
using Kiln.Caching;
using Kiln.Caching.Remote;

namespace Kiln.Tests.Caching.Remote;

/// <summary>What a remote cache server can do wrong, staged by a small in-test server: no fault fails a build.</summary>
public sealed class RemoteCacheFaultTests
{
    private ScratchDirectory _scratch = null!;
    private ToolsCacheStore _filled = null!;

    [SetUp]
    public void CreateScratch()
    {
        _scratch = new ScratchDirectory();
        _filled = new ToolsCacheStore(_scratch.Combine("filled"));
    }

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public async Task A_server_that_is_down_turns_the_remote_off_with_one_warning_and_the_restore_is_a_miss()
    {
        using var machine = new RemoteTierFixture(_scratch, $"http://127.0.0.1:{ClosedPort()}/cache", RemoteCacheMode.ReadWrite);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        var first = await machine.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("a"));
        var second = await machine.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("b"));

        Assert.That((first.Outcome, second.Outcome), Is.EqualTo((ToolsCacheOutcome.Miss, ToolsCacheOutcome.Miss)));
        Assert.That(machine.Warnings, Is.EqualTo(1), machine.Log);
        Assert.That(machine.Log, Does.Contain("4 attempts").And.Contain("going on without it"));
        Assert.That(second.Reason, Does.Contain("off for this run"));
    }

    [Test]
    public async Task Server_errors_are_retried_and_the_entry_is_then_restored()
    {
        var (key, files) = await FilledEntryAsync();
        await using var server = new FaultyHttpServer(request => request.Index < 2 ? FaultyHttpResponse.Status(500) : Serve(files, request));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.Read);

        var result = await machine.Store.TryRestoreAsync("x86_64", key, _scratch.Combine("restored"));

        Assert.That(result.IsRemoteHit, Is.True, machine.Log);
        Assert.That(server.Requests.Select(r => r.Path), Is.EqualTo(new[] { $"/cache/ac/{key}", $"/cache/ac/{key}", $"/cache/ac/{key}", files.Keys.Single(p => p.Contains("/cas/")) }));
        Assert.That(machine.Warnings, Is.Zero);
    }

    [Test]
    public async Task A_server_slower_than_the_read_timeout_is_given_up_on_and_the_restore_is_a_miss()
    {
        await using var server = new FaultyHttpServer(_ => FaultyHttpResponse.Status(200) with { DelayBeforeHeaders = TimeSpan.FromSeconds(5) });
        using var machine = new RemoteTierFixture(_scratch, server.Url, RemoteCacheMode.Read, readTimeout: TimeSpan.FromMilliseconds(200));

        var result = await machine.Store.TryRestoreAsync("x86_64", RemoteTierFixture.Inputs("x86_64").Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Miss));
        Assert.That(machine.Log, Does.Contain("no answer within 0.2 s"));
        Assert.That(server.Requests, Has.Count.EqualTo(4), "the first try and 3 retries");
    }

    [Test]
    public async Task A_truncated_blob_is_never_imported()
    {
        var (key, files) = await FilledEntryAsync();
        await using var server = new FaultyHttpServer(request => request.Path.Contains("/cas/", StringComparison.Ordinal)
            ? FaultyHttpResponse.Truncated(files[request.Path], files[request.Path].Length / 2)
            : Serve(files, request));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.Read);

        var result = await machine.Store.TryRestoreAsync("x86_64", key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(machine.Local.List(), Is.Empty);
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False);
    }

    [Test]
    public async Task A_blob_whose_bytes_do_not_match_its_digest_is_refused_and_not_stored_locally()
    {
        var (key, files) = await FilledEntryAsync();
        var blob = files.Keys.Single(p => p.Contains("/cas/"));
        files[blob] = files[blob].Reverse().ToArray();
        await using var server = new FaultyHttpServer(request => Serve(files, request));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.Read);

        var result = await machine.Store.TryRestoreAsync("x86_64", key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("refused: the blob's SHA-256"));
        Assert.That(machine.Local.List(), Is.Empty);
        Assert.That(Directory.GetFiles(machine.Local.Root, "*", SearchOption.AllDirectories), Is.Empty, "no staged download is left behind");
    }

    [Test]
    public async Task A_blob_that_would_write_outside_the_destination_is_refused_and_not_imported()
    {
        var (key, files) = await FilledEntryAsync();
        var blob = files.Keys.Single(p => p.Contains("/cas/"));
        var hostile = Escaping("../outside.txt");
        var entry = ToolsCacheEntry.FromJson(Encoding.UTF8.GetString(files[$"/cache/ac/{key}"]), DateTimeOffset.UtcNow) with
        {
            ArchiveSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hostile)),
            ArchiveSize = hostile.Length,
        };
        files.Remove(blob);
        files[$"/cache/ac/{key}"] = Encoding.UTF8.GetBytes(entry.ToJson());
        files[$"/cache/cas/{entry.ArchiveSha256}"] = hostile;
        await using var server = new FaultyHttpServer(request => Serve(files, request));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.Read);

        var result = await machine.Store.TryRestoreAsync("x86_64", key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("refused: the archive does not extract"));
        Assert.That(File.Exists(_scratch.Combine("outside.txt")), Is.False);
        Assert.That(machine.Local.List(), Is.Empty);
    }

    [Test]
    public async Task Metadata_for_another_key_is_refused()
    {
        var (key, files) = await FilledEntryAsync();
        var otherKey = RemoteTierFixture.Inputs("aarch64").Key;
        await using var server = new FaultyHttpServer(request => Serve(files, request with { Path = request.Path.Replace(otherKey, key, StringComparison.Ordinal) }));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.Read);

        var result = await machine.Store.TryRestoreAsync("aarch64", otherKey, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("refused: the metadata describes x86_64"));
        Assert.That(server.Requests.Where(r => r.Path.Contains("/cas/", StringComparison.Ordinal)), Is.Empty, "no blob is fetched for refused metadata");
    }

    [TestCase(413, "the server refused an upload of 2.0 MB with 413: raise the server's request body limit (nginx: client_max_body_size, 1m unless set; server/nginx-remote-cache.conf sets 1g)")]
    [TestCase(507, "the server refused an upload of 2.0 MB with 507: free or grow the disk that holds the cache on the server")]
    [TestCase(405, "the server refused an upload of 2.0 MB with 405: make the server accept PUT under the cache's URL (nginx: dav_methods PUT and create_full_put_path on, as in server/nginx-remote-cache.conf)")]
    public async Task A_refused_upload_is_one_warning_saying_what_to_change_and_stops_uploads_but_not_restores(int status, string warning)
    {
        var (key, files) = await FilledEntryAsync();
        await using var server = new FaultyHttpServer(request => request.Method == "PUT" ? FaultyHttpResponse.Status(status) : Serve(files, request));
        using var machine = new RemoteTierFixture(_scratch, server.Url + "/cache", RemoteCacheMode.ReadWrite);
        var first = RemoteTierFixture.Inputs("x86_64", "first upload");
        var second = RemoteTierFixture.Inputs("aarch64");

        await machine.Store.SaveAsync("x86_64", first.Key, first, LargeBuiltTools());
        var firstFlush = await machine.Uploads.FlushAsync();
        var secondEntry = await machine.Store.SaveAsync("aarch64", second.Key, second, LargeBuiltTools());
        var secondFlush = await machine.Uploads.FlushAsync();
        var restored = await machine.Store.TryRestoreAsync("x86_64", key, _scratch.Combine("restored"));

        var firstBlob = files.Keys.Single(p => p.Contains("/cas/", StringComparison.Ordinal));
        Assert.That(machine.Warnings, Is.EqualTo(1), machine.Log);
        Assert.That(machine.Log, Does.Contain($"PUT cas/").And.Contain($"{warning}; uploads are off for the rest of this run, restores go on"));
        Assert.That(firstFlush, Does.Contain("1 not uploaded").And.Contain($"with {status}"));
        Assert.That(secondFlush, Is.Null, "nothing more is queued once uploads are off");
        Assert.That(server.Requests.Count(r => r.Method == "PUT"), Is.EqualTo(1), "the refused PUT is not retried");
        Assert.That(server.Requests.Where(r => r.Path.Contains(second.Key, StringComparison.Ordinal) || r.Path.Contains(secondEntry.ArchiveSha256, StringComparison.Ordinal)),
            Is.Empty, "a later entry is not even looked up");
        Assert.That(restored.IsRemoteHit, Is.True, machine.Log);
        Assert.That(server.Requests.Select(r => r.Path), Does.Contain(firstBlob));
    }

    [Test]
    public async Task A_token_echoed_back_by_the_server_is_blanked_from_the_warning()
    {
        const string token = "very-secret-token";
        await using var server = new FaultyHttpServer(request => FaultyHttpResponse.Status(400) with
        {
            Headers = new Dictionary<string, string> { ["X-Echo"] = request.Authorization ?? "" },
            Body = Encoding.UTF8.GetBytes(request.Authorization ?? ""),
        });
        using var machine = new RemoteTierFixture(_scratch, $"{server.Url}/{token}", RemoteCacheMode.Read, token);

        await machine.Store.TryRestoreAsync("x86_64", RemoteTierFixture.Inputs("x86_64").Key, _scratch.Combine("restored"));

        Assert.That(server.Requests.Single().Authorization, Is.EqualTo($"Bearer {token}"));
        Assert.That(machine.Log, Does.Contain("400").And.Contain("***").And.Not.Contain(token));
    }

    /// <summary>An entry saved in a local store, as the server would hold it: request path to body.</summary>
    private async Task<(string Key, Dictionary<string, byte[]> Files)> FilledEntryAsync()
    {
        var inputs = RemoteTierFixture.Inputs("x86_64");
        var entry = await _filled.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        return (inputs.Key, new Dictionary<string, byte[]>
        {
            [$"/cache/ac/{inputs.Key}"] = Encoding.UTF8.GetBytes(entry.ToJson()),
            [$"/cache/cas/{entry.ArchiveSha256}"] = File.ReadAllBytes(_filled.ArchivePath("x86_64", inputs.Key)),
        });
    }

    /// <summary>Built tools whose archive is 2 MB: random bytes do not compress.</summary>
    private string LargeBuiltTools()
    {
        var tools = RemoteTierFixture.BuiltTools(_scratch, "stress");
        var binary = new byte[2 * 1024 * 1024];
        Random.Shared.NextBytes(binary);
        File.WriteAllBytes(Path.Combine(tools, "bin", "fio"), binary);
        return tools;
    }

    /// <summary>A gzip tar whose one entry is named <paramref name="name"/>, written header by header so nothing sanitises it.</summary>
    private static byte[] Escaping(string name)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new ICSharpCode.SharpZipLib.Tar.TarOutputStream(gzip, Encoding.UTF8))
        {
            tar.PutNextEntry(new ICSharpCode.SharpZipLib.Tar.TarEntry(new ICSharpCode.SharpZipLib.Tar.TarHeader { Name = name, Size = 0, Mode = 0b110_100_100 }));
            tar.CloseEntry();
        }

        return output.ToArray();
    }

    private static FaultyHttpResponse Serve(Dictionary<string, byte[]> files, FaultyHttpRequest request) =>
        files.TryGetValue(request.Path, out var body) ? FaultyHttpResponse.Status(200, body) : FaultyHttpResponse.Status(404);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
