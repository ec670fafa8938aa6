using System.Security.Cryptography;
using System.Text;
using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Signing;
using Kiln.Tests.Support;

namespace Kiln.Tests.Caching.Remote;

/// <summary>The remote tier against a real cache server: nginx with WebDAV PUT, started for these tests.</summary>
[NonParallelizable]
public sealed class TieredToolsCacheStoreTests
{
    private const string Token = "team-token-1";
    private const string ReadToken = "pull-request-token-1";
    private ScratchDirectory _scratch = null!;
    private NginxCacheServer _server = null!;

    [SetUp]
    public void StartServer()
    {
        _scratch = new ScratchDirectory();
        _server = NginxCacheServer.Start(Token);
    }

    [TearDown]
    public void StopServer()
    {
        _server.Dispose();
        _scratch.Dispose();
    }

    [Test]
    public async Task An_entry_one_machine_saves_is_restored_by_another_from_the_remote_and_then_found_locally()
    {
        using var writer = Machine(RemoteCacheMode.ReadWrite);
        using var reader = Machine(RemoteCacheMode.Read);
        var inputs = RemoteTierFixture.Inputs("x86_64");
        await writer.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        var uploaded = await writer.Uploads.FlushAsync();

        var fromRemote = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("first"));
        var fromLocal = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("second"));

        Assert.That(uploaded, Does.StartWith("remote cache: uploaded 1 entry,"));
        Assert.That((fromRemote.IsHit, fromRemote.Tier), Is.EqualTo((true, ToolsCacheRestoreResult.RemoteTier)));
        Assert.That((fromLocal.IsHit, fromLocal.Tier), Is.EqualTo((true, ToolsCacheRestoreResult.LocalTier)));
        Assert.That(File.ReadAllText(_scratch.Combine("first", "bin", "stress")), Is.EqualTo("stress 1.0.7"));
        Assert.That(reader.Warnings, Is.Zero, reader.Log);
    }

    [Test]
    public async Task An_entry_larger_than_nginxs_default_body_limit_uploads_through_the_shipped_configuration()
    {
        using var writer = Machine(RemoteCacheMode.ReadWrite);
        using var reader = Machine(RemoteCacheMode.Read);
        var inputs = RemoteTierFixture.Inputs("x86_64");
        var tools = RemoteTierFixture.BuiltTools(_scratch, "stress");
        // Random bytes do not compress: the archive stays near 2.7 MB, the size of this project's x86_64 entry.
        var binary = new byte[2_700_000];
        Random.Shared.NextBytes(binary);
        File.WriteAllBytes(Path.Combine(tools, "bin", "fio"), binary);

        var entry = await writer.Store.SaveAsync("x86_64", inputs.Key, inputs, tools);
        var uploaded = await writer.Uploads.FlushAsync();
        var restored = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(entry.ArchiveSize, Is.GreaterThan(1024 * 1024));
        Assert.That(uploaded, Does.Match(@"^remote cache: uploaded 1 entry, 2\.\d MB").And.Not.Contain("not uploaded"));
        Assert.That(writer.Warnings, Is.Zero, writer.Log);
        Assert.That(restored.IsRemoteHit, Is.True, reader.Log);
        // Digests, not the bytes: NUnit compares megabytes of array element by element, for seconds.
        Assert.That(SHA256.HashData(File.ReadAllBytes(_scratch.Combine("restored", "bin", "fio"))), Is.EqualTo(SHA256.HashData(binary)));
    }

    [Test]
    public async Task An_upload_puts_the_blob_before_the_metadata()
    {
        using var writer = Machine(RemoteCacheMode.ReadWrite);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        await writer.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        await writer.Uploads.FlushAsync();

        var puts = (await _server.RequestsAsync()).Where(r => r.Method == "PUT").Select(r => r.Path.Split('/')[2]).ToList();
        Assert.That(puts, Is.EqualTo(new[] { "cas", "ac" }));
    }

    [Test]
    public async Task An_upload_skips_a_blob_the_server_already_has()
    {
        using var writer = Machine(RemoteCacheMode.ReadWrite);
        var first = RemoteTierFixture.Inputs("x86_64", "first");
        var second = RemoteTierFixture.Inputs("x86_64", "second");
        var tools = RemoteTierFixture.BuiltTools(_scratch, "same bytes");
        await writer.Store.SaveAsync("x86_64", first.Key, first, tools);
        await writer.Uploads.FlushAsync();

        await writer.Store.SaveAsync("x86_64", second.Key, second, tools);
        var uploaded = await writer.Uploads.FlushAsync();

        Assert.That(uploaded, Does.Contain("(1 blob already there)"));
        Assert.That((await _server.RequestsAsync()).Count(r => r.Method == "PUT" && r.Path.Contains("/cas/", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Uploads_cancelled_midway_leave_nginx_no_metadata_whose_blob_is_missing_or_short()
    {
        using var writer = Machine(RemoteCacheMode.ReadWrite);
        using var cancellation = new CancellationTokenSource();
        foreach (var arch in new[] { "x86_64", "aarch64", "riscv64", "ppc64le" })
        {
            var inputs = RemoteTierFixture.Inputs(arch);
            var tools = RemoteTierFixture.BuiltTools(_scratch, arch);
            // Random bytes do not compress: each blob takes a while to send.
            var binary = new byte[4 * 1024 * 1024];
            Random.Shared.NextBytes(binary);
            File.WriteAllBytes(Path.Combine(tools, "bin", "fio"), binary);
            await writer.Store.SaveAsync(arch, inputs.Key, inputs, tools, cancellationToken: cancellation.Token);
        }

        await cancellation.CancelAsync();
        var flushed = await writer.Uploads.FlushAsync();

        var metadata = Directory.Exists(Path.Combine(_server.Root, "ac")) ? Directory.GetFiles(Path.Combine(_server.Root, "ac")) : [];
        foreach (var document in metadata)
        {
            var entry = ToolsCacheEntry.FromJson(File.ReadAllText(document), DateTimeOffset.UtcNow);
            var blob = new FileInfo(Path.Combine(_server.Root, "cas", entry.ArchiveSha256));
            Assert.That(blob.Exists ? blob.Length : -1, Is.EqualTo(entry.ArchiveSize), $"the blob of {entry.Scope}");
        }

        Assert.That(flushed, metadata.Length == 4 ? Does.Not.Contain("not uploaded") : Does.Contain($"{4 - metadata.Length} not uploaded"));
    }

    [Test]
    public async Task A_read_mode_build_never_puts()
    {
        using var reader = Machine(RemoteCacheMode.Read);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        await reader.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        var uploaded = await reader.Uploads.FlushAsync();

        Assert.That(uploaded, Is.Null);
        Assert.That((await _server.RequestsAsync()).Where(r => r.Method != "GET" && r.Method != "HEAD"), Is.Empty);
        Assert.That(reader.Local.List(), Has.Count.EqualTo(1), "the entry is still saved locally");
    }

    [TestCase(null, 401)]
    [TestCase("stolen-token", 403)]
    public async Task A_missing_or_wrong_token_gives_one_warning_and_no_retries(string? token, int status)
    {
        using var machine = new RemoteTierFixture(_scratch, _server.Url, RemoteCacheMode.ReadWrite, token);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        var first = await machine.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("a"));
        await machine.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        await machine.Uploads.FlushAsync();
        var second = await machine.Store.TryRestoreAsync("aarch64", RemoteTierFixture.Inputs("aarch64").Key, _scratch.Combine("b"));

        var requests = await _server.RequestsAsync();
        Assert.That(requests.Select(r => r.Status), Is.EqualTo(new[] { status }), "one request, then the tier is off");
        Assert.That(machine.Warnings, Is.EqualTo(1), machine.Log);
        Assert.That(machine.Log, Does.Contain($"{status}").And.Contain(BuildParameters.RemoteCache.TokenVariable));
        Assert.That(first.IsHit || second.IsHit, Is.False);
        if (token is not null)
            Assert.That(machine.Log, Does.Not.Contain(token));
    }

    [Test]
    public async Task An_unsigned_remote_entry_is_refused_by_a_reader_with_trusted_keys()
    {
        using var team = SigningKey.Generate();
        using var unsignedWriter = Machine(RemoteCacheMode.ReadWrite);
        using var reader = Machine(RemoteCacheMode.Read, trusted: new TrustedKeys([team.PublicKey]));
        var inputs = RemoteTierFixture.Inputs("x86_64");
        await unsignedWriter.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        await unsignedWriter.Uploads.FlushAsync();

        var result = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("refused").And.Contain("not signed"));
        Assert.That(reader.Local.List(), Is.Empty);
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False);
    }

    [Test]
    public async Task A_remote_entry_signed_with_an_untrusted_key_is_refused_by_a_reader_with_trusted_keys()
    {
        using var team = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        using var writer = Machine(RemoteCacheMode.ReadWrite, signingKey: stranger);
        using var reader = Machine(RemoteCacheMode.Read, trusted: new TrustedKeys([team.PublicKey]));
        var inputs = RemoteTierFixture.Inputs("x86_64");
        await writer.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        await writer.Uploads.FlushAsync();

        var result = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("refused").And.Contain("not trusted"));
        Assert.That(reader.Local.List(), Is.Empty);
    }

    [Test]
    public async Task An_entry_signed_with_the_team_key_is_restored_by_a_reader_that_trusts_its_public_key_only()
    {
        using var team = SigningKey.Generate();
        var trusted = new TrustedKeys([team.PublicKey]);
        using var writer = Machine(RemoteCacheMode.ReadWrite, signingKey: team, trusted: trusted);
        using var reader = Machine(RemoteCacheMode.Read, trusted: trusted);
        var inputs = RemoteTierFixture.Inputs("x86_64");
        await writer.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress"));
        await writer.Uploads.FlushAsync();

        var fromRemote = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("first"));
        var fromLocal = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("second"));

        Assert.That(fromRemote.IsRemoteHit, Is.True, reader.Log);
        Assert.That((fromLocal.IsHit, fromLocal.Tier), Is.EqualTo((true, ToolsCacheRestoreResult.LocalTier)), fromLocal.Reason);
    }

    [Test]
    public async Task A_signing_upload_replaces_an_untrusted_entry_the_server_held_first()
    {
        using var team = SigningKey.Generate();
        var trusted = new TrustedKeys([team.PublicKey]);
        using var unsignedWriter = Machine(RemoteCacheMode.ReadWrite);
        using var signingWriter = Machine(RemoteCacheMode.ReadWrite, signingKey: team, trusted: trusted);
        using var reader = Machine(RemoteCacheMode.Read, trusted: trusted);
        var inputs = RemoteTierFixture.Inputs("x86_64");
        var tools = RemoteTierFixture.BuiltTools(_scratch, "stress");
        await unsignedWriter.Store.SaveAsync("x86_64", inputs.Key, inputs, tools);
        await unsignedWriter.Uploads.FlushAsync();
        await signingWriter.Store.SaveAsync("x86_64", inputs.Key, inputs, tools);
        await signingWriter.Uploads.FlushAsync();

        var result = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsRemoteHit, Is.True, reader.Log);
    }

    [Test]
    public async Task Concurrent_uploaders_of_the_same_entry_end_with_one_valid_entry()
    {
        var inputs = RemoteTierFixture.Inputs("x86_64");
        var writers = Enumerable.Range(0, 4).Select(_ => Machine(RemoteCacheMode.ReadWrite)).ToList();
        // Different bytes under one key, as two non-reproducible builds would give: whichever metadata lands last, its blob is there.
        var builds = writers.Select((_, i) => RemoteTierFixture.BuiltTools(_scratch, $"build {i}")).ToList();

        await Task.WhenAll(writers.Select((w, i) => w.Store.SaveAsync("x86_64", inputs.Key, inputs, builds[i])));
        await Task.WhenAll(writers.Select(w => w.Uploads.FlushAsync()));
        using var reader = Machine(RemoteCacheMode.Read);
        var result = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsRemoteHit, Is.True, reader.Log);
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "bin", "stress")), Does.StartWith("build "));
        Assert.That(Directory.GetFiles(Path.Combine(_server.Root, "ac")), Has.Length.EqualTo(1));
        writers.ForEach(w => w.Dispose());
    }

    [Test]
    public async Task A_build_with_only_the_read_token_restores_what_a_trusted_build_uploaded()
    {
        using var server = NginxCacheServer.Start(Token, ReadToken);
        using var trusted = new RemoteTierFixture(_scratch, server.Url, RemoteCacheMode.ReadWrite, Token);
        using var pullRequest = new RemoteTierFixture(_scratch, server.Url, RemoteCacheMode.Read, readToken: ReadToken);
        var inputs = RemoteTierFixture.Inputs("x86_64");
        await trusted.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "stress 1.0.7"));
        await trusted.Uploads.FlushAsync();

        var restored = await pullRequest.Store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(restored.IsRemoteHit, Is.True, pullRequest.Log);
        Assert.That(pullRequest.Warnings, Is.Zero, pullRequest.Log);
    }

    [Test]
    public async Task A_build_that_uploads_with_the_read_token_is_refused_by_the_server_whatever_its_own_mode_says()
    {
        using var server = NginxCacheServer.Start(Token, ReadToken);
        // A pull request can edit the client: here it claims read-write, and holds only the token its run was given.
        using var pullRequest = new RemoteTierFixture(_scratch, server.Url, RemoteCacheMode.ReadWrite, readToken: ReadToken);
        var inputs = RemoteTierFixture.Inputs("x86_64");

        await pullRequest.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(_scratch, "planted"));
        await pullRequest.Uploads.FlushAsync();

        var requests = await server.RequestsAsync();
        Assert.That(requests.Where(request => request.Method == "PUT").Select(request => request.Status), Is.Not.Empty.And.All.EqualTo(403));
        Assert.That(Directory.Exists(server.Root) ? Directory.GetFiles(server.Root, "*", SearchOption.AllDirectories) : [], Is.Empty);
        Assert.That(pullRequest.Log, Does.Contain(BuildParameters.RemoteCache.ReadTokenVariable).And.Not.Contain(ReadToken));
    }

    private RemoteTierFixture Machine(RemoteCacheMode mode, SigningKey? signingKey = null, TrustedKeys? trusted = null) =>
        new(_scratch, _server.Url, mode, Token, signingKey, trusted: trusted);
}
