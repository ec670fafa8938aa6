using System.Collections.Concurrent;
using System.Text;
using Kiln.Caching;
using Kiln.Caching.Remote;

namespace Kiln.Tests.Caching.Remote;

/// <summary>
/// What a cache server can do wrong while it is sent an entry, staged by the in-test server: an upload is retried like
/// a download, gives up without failing the build, and never leaves metadata whose blob is missing or short.
/// </summary>
public sealed class RemoteCacheUploadFaultTests
{
    private ScratchDirectory _scratch = null!;

    /// <summary>What the in-test server stores: request path to body.</summary>
    private ConcurrentDictionary<string, byte[]> _stored = null!;

    public enum UploadFault
    {
        /// <summary>500: also what nginx answers when the disk under its store is full.</summary>
        ServerError,

        /// <summary>The connection closes with no answer.</summary>
        ConnectionReset,

        /// <summary>No answer within the read timeout.</summary>
        Stall,
    }

    [SetUp]
    public void CreateScratch()
    {
        _scratch = new ScratchDirectory();
        _stored = new ConcurrentDictionary<string, byte[]>();
    }

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [TestCase(UploadFault.ServerError)]
    [TestCase(UploadFault.ConnectionReset)]
    [TestCase(UploadFault.Stall)]
    public async Task An_upload_that_fails_once_is_retried_and_the_entry_is_then_uploaded(UploadFault fault)
    {
        var puts = 0;
        await using var server = new FaultyHttpServer(request =>
            request.Method == "PUT" && Interlocked.Increment(ref puts) == 1 ? Answer(fault) : ServeAndStore(request));
        using var machine = Machine(server, RemoteCacheMode.ReadWrite);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        var entry = await machine.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        var uploaded = await machine.Uploads.FlushAsync();

        Assert.That(uploaded, Does.StartWith("remote cache: uploaded 1 entry,").And.Not.Contain("not uploaded"));
        Assert.That(machine.Warnings, Is.Zero, machine.Log);
        Assert.That(server.Requests.Where(r => r.Method == "PUT").Select(r => r.Path),
            Is.EqualTo(new[] { $"/cache/cas/{entry.ArchiveSha256}", $"/cache/cas/{entry.ArchiveSha256}", $"/cache/ac/{inputs.Key}" }));
        Assert.That(_stored[$"/cache/cas/{entry.ArchiveSha256}"], Is.EqualTo(File.ReadAllBytes(machine.Local.ArchivePath("x86_64", inputs.Key))));
    }

    [TestCase(UploadFault.ServerError, "the server answered 500")]
    [TestCase(UploadFault.ConnectionReset, "PUT cas/")]
    [TestCase(UploadFault.Stall, "no answer within 0.3 s")]
    public async Task An_upload_that_keeps_failing_stops_uploads_with_one_warning_and_restores_go_on(UploadFault fault, string cause)
    {
        var (served, servedFiles) = await EntryOnTheServerAsync();
        await using var server = new FaultyHttpServer(request => request.Method == "PUT" ? Answer(fault) : ServeAndStore(request));
        using var machine = Machine(server, RemoteCacheMode.ReadWrite);
        var first = RemoteTierFixture.Inputs("x86_64", "first");
        var second = RemoteTierFixture.Inputs("aarch64", "second");

        await machine.Store.SaveAsync("x86_64", first.Key, first, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        var flushed = await machine.Uploads.FlushAsync();
        await machine.Store.SaveAsync("aarch64", second.Key, second, RemoteTierFixture.BuiltTools(_scratch, "fio"));
        var restored = await machine.Store.TryRestoreAsync("x86_64", served, _scratch.Combine("restored"));

        Assert.That(machine.Warnings, Is.EqualTo(1), machine.Log);
        Assert.That(machine.Log, Does.Contain(cause).And.Contain("(4 attempts); uploads are off for the rest of this run, restores go on"));
        Assert.That(flushed, Does.Contain($"1 not uploaded: x86_64 {first.Key[..12]}"));
        Assert.That(server.Requests.Count(r => r.Method == "PUT"), Is.EqualTo(4), "the first try and 3 retries, then no more uploads");
        Assert.That(_stored.Keys.Where(path => path.Contains("/ac/", StringComparison.Ordinal)), Is.EqualTo(servedFiles.Where(path => path.Contains("/ac/", StringComparison.Ordinal))));
        Assert.That(restored.IsRemoteHit, Is.True, machine.Log);
    }

    [Test]
    public async Task Cancelling_the_run_while_uploads_are_queued_sends_no_metadata_and_says_what_was_not_uploaded()
    {
        await using var server = new FaultyHttpServer(request =>
            request.Method == "PUT" ? FaultyHttpResponse.Status(201) with { DelayBeforeHeaders = TimeSpan.FromMinutes(5) } : ServeAndStore(request));
        using var machine = Machine(server, RemoteCacheMode.ReadWrite);
        using var cancellation = new CancellationTokenSource();
        var keys = new List<string>();
        foreach (var arch in new[] { "x86_64", "aarch64", "riscv64" })
        {
            var inputs = RemoteTierFixture.Inputs(arch);
            keys.Add($"{arch} {inputs.Key[..12]}");
            await machine.Store.SaveAsync(arch, inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, arch), cancellationToken: cancellation.Token);
        }

        await Patience.UntilAsync(() => server.Requests.Any(r => r.Method == "PUT"), "no upload started");
        await cancellation.CancelAsync();
        var flush = machine.Uploads.FlushAsync();
        await Patience.WaitAsync(flush, "the cancelled uploads did not end");

        Assert.That(await flush, Does.Contain("3 not uploaded").And.Contain("(cancelled)").And.Contain(keys[0]).And.Contain(keys[1]).And.Contain(keys[2]));
        Assert.That(server.Requests.Where(r => r.Path.Contains("/ac/", StringComparison.Ordinal) && r.Method == "PUT"), Is.Empty);
    }

    [Test]
    public async Task A_blob_the_server_keeps_short_gets_no_metadata_and_stops_uploads()
    {
        await using var server = new FaultyHttpServer(request =>
            request.Method == "PUT" && request.Path.Contains("/cas/", StringComparison.Ordinal)
                ? ServeAndStore(request with { Body = request.Body[..(request.Body.Length / 2)] })
                : ServeAndStore(request));
        using var machine = Machine(server, RemoteCacheMode.ReadWrite);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        await machine.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        var uploaded = await machine.Uploads.FlushAsync();

        Assert.That(uploaded, Does.Contain("1 not uploaded"));
        Assert.That(machine.Log, Does.Contain("the server answered success but then holds").And.Contain("its metadata is not uploaded"));
        Assert.That(_stored.Keys.Where(path => path.Contains("/ac/", StringComparison.Ordinal)), Is.Empty);
    }

    private RemoteTierFixture Machine(FaultyHttpServer server, RemoteCacheMode mode) =>
        new(_scratch, server.Url + "/cache", mode, readTimeout: TimeSpan.FromMilliseconds(300));

    /// <summary>An entry another machine uploaded earlier, stored on the in-test server; its key and the paths it takes.</summary>
    private async Task<(string Key, IReadOnlyList<string> Paths)> EntryOnTheServerAsync()
    {
        var other = new ToolsCacheStore(_scratch.Combine("other-machine"));
        var inputs = RemoteTierFixture.Inputs("x86_64", "uploaded earlier");
        var entry = await other.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        _stored[$"/cache/ac/{inputs.Key}"] = Encoding.UTF8.GetBytes(entry.ToJson());
        _stored[$"/cache/cas/{entry.ArchiveSha256}"] = File.ReadAllBytes(other.ArchivePath("x86_64", inputs.Key));
        return (inputs.Key, [.. _stored.Keys]);
    }

    private static FaultyHttpResponse Answer(UploadFault fault) => fault switch
    {
        UploadFault.ServerError => FaultyHttpResponse.Status(500),
        UploadFault.ConnectionReset => FaultyHttpResponse.NoAnswer,
        _ => FaultyHttpResponse.Status(201) with { DelayBeforeHeaders = TimeSpan.FromMinutes(5) },
    };

    /// <summary>A server that works: a PUT stores its body, a GET or HEAD serves what was stored.</summary>
    private FaultyHttpResponse ServeAndStore(FaultyHttpRequest request)
    {
        if (request.Method == "PUT")
        {
            _stored[request.Path] = request.Body;
            return FaultyHttpResponse.Status(201);
        }

        return _stored.TryGetValue(request.Path, out var body) ? FaultyHttpResponse.Status(200, body) : FaultyHttpResponse.Status(404);
    }
}
