using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Tests.Support;

namespace Kiln.Tests.Caching.Remote;

/// <summary>One key built into two sets of bytes (a nondeterministic recipe), uploaded to nginx: caught at the door.</summary>
public sealed class RemoteDivergenceTests : NginxServerPerTest
{
    [Test]
    public async Task Other_bytes_under_a_key_the_server_holds_are_a_warning_with_both_digests_and_the_first_entry_is_kept()
    {
        var inputs = RemoteTierFixture.Inputs("x86_64");
        using var first = Machine(RemoteCacheMode.ReadWrite);
        using var second = Machine(RemoteCacheMode.ReadWrite);
        using var reader = Machine(RemoteCacheMode.Read);
        var kept = await first.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "built at 10:00"));
        await first.Uploads.FlushAsync();

        var other = await second.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "built at 10:05"));
        var flushed = await second.Uploads.FlushAsync();
        var restored = await reader.Store.TryRestoreAsync("x86_64", inputs.Key, Scratch.Combine("restored"));

        Assert.That(second.Warnings, Is.EqualTo(1), second.Log);
        Assert.That(second.Log, Does.Contain($"x86_64 {inputs.Key[..12]}: same key, different bytes")
            .And.Contain(kept.ArchiveSha256).And.Contain(other.ArchiveSha256).And.Contain("the server's entry is kept (first writer wins)"));
        Assert.That(flushed, Does.Contain("uploaded nothing").And.Contain("1 already on the server (1 with other bytes than this build made)"));
        Assert.That(second.Uploads.TakeDivergences().Single(), Is.EqualTo(new Divergence("x86_64", inputs.Key, kept.ArchiveSha256, other.ArchiveSha256)));
        Assert.That(File.ReadAllText(Scratch.Combine("restored", "bin", "stress")), Is.EqualTo("built at 10:00"));
        Assert.That((await Server.RequestsAsync()).Count(r => r.Method == "PUT"), Is.EqualTo(2), "only the first entry's blob and metadata");
    }

    [Test]
    public async Task The_same_bytes_under_a_key_the_server_holds_are_no_warning_and_send_nothing()
    {
        var inputs = RemoteTierFixture.Inputs("x86_64");
        using var first = Machine(RemoteCacheMode.ReadWrite);
        using var second = Machine(RemoteCacheMode.ReadWrite);
        await first.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "reproducible"));
        await first.Uploads.FlushAsync();

        await second.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "reproducible"));
        var flushed = await second.Uploads.FlushAsync();

        Assert.That(second.Warnings, Is.Zero, second.Log);
        Assert.That(flushed, Does.Contain("1 already on the server").And.Not.Contain("other bytes"));
        Assert.That(second.Uploads.TakeDivergences(), Is.Empty);
    }

    [Test]
    public async Task A_divergence_is_described_with_diffoscopes_account_of_the_differing_file()
    {
        var inputs = RemoteTierFixture.Inputs("x86_64");
        using var first = Machine(RemoteCacheMode.ReadWrite);
        using var second = Machine(RemoteCacheMode.ReadWrite);
        await first.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "built at 10:00"));
        await first.Uploads.FlushAsync();
        await second.Store.SaveAsync("x86_64", inputs.Key, inputs, RemoteTierFixture.BuiltTools(Scratch, "built at 10:05"));
        await second.Uploads.FlushAsync();

        var report = await second.Tier.DescribeAsync(second.Uploads.TakeDivergences(), second.Local, CancellationToken.None);

        Assert.That(report, Does.Contain("same key, different bytes").And.Contain("diffoscope (the server's archive, then this build's):"));
        Assert.That(report, Does.Contain("bin/stress").And.Contain("built at 10:00").And.Contain("built at 10:05"));
    }

    private RemoteTierFixture Machine(RemoteCacheMode mode) => new(Scratch, Server.Url, mode);
}
