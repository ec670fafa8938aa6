using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Signing;
using Kiln.Tests.Support;

namespace Kiln.Tests.Caching.Remote;

/// <summary>Seeding a server from a warm local cache (PushToolsCache), against nginx running the shipped configuration.</summary>
public sealed class ToolsCachePushTests : NginxServerPerTest
{
    [Test]
    public async Task Pushing_a_warm_local_cache_seeds_an_empty_server_and_another_machine_then_restores_every_entry()
    {
        using var warm = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.ReadWrite);
        var keys = await FillAsync(warm.Local, "x86_64", "aarch64", "x86_64.fio");
        using var fresh = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.Read);

        var summary = await Push(warm).PushAsync(keys: null, CancellationToken.None);
        var restored = new List<ToolsCacheRestoreResult>();
        foreach (var (scope, key) in keys)
            restored.Add(await fresh.Store.TryRestoreAsync(scope, key, Scratch.Combine("restored", scope)));

        Assert.That(summary[0], Is.EqualTo("local cache: 3 entries to push"));
        Assert.That(summary[^1], Does.StartWith("remote cache: uploaded 3 entries,").And.Not.Contain("not uploaded"));
        Assert.That(restored.Select(r => r.IsRemoteHit), Is.All.True, fresh.Log);
        Assert.That(warm.Warnings + fresh.Warnings, Is.Zero, warm.Log + fresh.Log);
    }

    [Test]
    public async Task Pushing_again_sends_nothing_the_server_already_has()
    {
        using var warm = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.ReadWrite);
        await FillAsync(warm.Local, "x86_64", "aarch64");
        await Push(warm).PushAsync(keys: null, CancellationToken.None);
        var putsBefore = (await Server.RequestsAsync()).Count(r => r.Method == "PUT");

        var summary = await Push(warm).PushAsync(keys: null, CancellationToken.None);

        Assert.That(summary[^1], Does.Contain("uploaded nothing").And.Contain("2 already on the server"));
        Assert.That((await Server.RequestsAsync()).Count(r => r.Method == "PUT"), Is.EqualTo(putsBefore));
    }

    [Test]
    public async Task Only_the_given_keys_are_pushed_and_a_key_the_local_cache_lacks_is_named()
    {
        using var warm = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.ReadWrite);
        var filled = await FillAsync(warm.Local, "x86_64", "aarch64");
        var absent = ("x86_64.fio", RemoteTierFixture.Inputs("x86_64.fio").Key);

        var summary = await Push(warm).PushAsync([filled[0], absent], CancellationToken.None);

        Assert.That(summary[0], Is.EqualTo($"local cache: 1 entry to push; 1 of the keys not in it (x86_64.fio {absent.Key[..12]})"));
        Assert.That(Directory.GetFiles(Path.Combine(Server.Root, "ac")).Select(Path.GetFileName), Is.EqualTo(new[] { filled[0].Key }));
    }

    [Test]
    public async Task A_damaged_local_entry_is_not_pushed()
    {
        using var warm = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.ReadWrite);
        var filled = await FillAsync(warm.Local, "x86_64", "aarch64");
        var damaged = warm.Local.ArchivePath(filled[1].Scope, filled[1].Key);
        var bytes = File.ReadAllBytes(damaged);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        var summary = await Push(warm).PushAsync(keys: null, CancellationToken.None);

        Assert.That(summary[0], Does.Contain("1 damaged, not pushed"));
        Assert.That(warm.Log, Does.Contain($"warning: local entry aarch64 {filled[1].Key[..12]} not pushed"));
        Assert.That(Directory.GetFiles(Path.Combine(Server.Root, "ac")).Select(Path.GetFileName), Is.EqualTo(new[] { filled[0].Key }));
    }

    [Test]
    public async Task A_pushed_entry_is_signed_with_the_team_key()
    {
        using var team = SigningKey.Generate();
        var trusted = new TrustedKeys([team.PublicKey]);
        using var warm = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.ReadWrite, signingKey: team, trusted: trusted);
        var filled = await FillAsync(warm.Local, "x86_64");
        using var fresh = new RemoteTierFixture(Scratch, Server.Url, RemoteCacheMode.Read, trusted: trusted);

        await Push(warm).PushAsync(keys: null, CancellationToken.None);
        var restored = await fresh.Store.TryRestoreAsync("x86_64", filled[0].Key, Scratch.Combine("restored"));

        Assert.That(restored.IsRemoteHit, Is.True, fresh.Log);
    }

    private static ToolsCachePush Push(RemoteTierFixture machine) => new(machine.Local, machine.Tier, machine.Output);

    /// <summary>Saves one entry per scope in <paramref name="local"/> alone, as earlier builds without a remote cache would.</summary>
    private async Task<List<(string Scope, string Key)>> FillAsync(ToolsCacheStore local, params string[] scopes)
    {
        var keys = new List<(string Scope, string Key)>();
        foreach (var scope in scopes)
        {
            var inputs = RemoteTierFixture.Inputs(scope);
            await local.SaveAsync(scope, inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, scope));
            keys.Add((scope, inputs.Key));
        }

        return keys;
    }
}
