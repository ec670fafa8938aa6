using Kiln.Caching;
using Kiln.Signing;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching;

/// <summary>
/// A local store with trusted keys: what it built itself it restores; what reached its folder from elsewhere (a CI
/// cache restore, a copy) it restores only when a trusted key signed it.
/// </summary>
public sealed class ToolsCacheTrustTests
{
    private readonly FingerprintInputs _inputs = new(new Dictionary<string, string> { ["arch"] = "x86_64" },
        new Dictionary<string, FileDigest> { ["stress/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });

    private ScratchDirectory _scratch = null!;
    private SigningKey _team = null!;
    private TrustedKeys _trusted = null!;

    [SetUp]
    public void CreateKeys()
    {
        _scratch = new ScratchDirectory();
        _team = SigningKey.Generate();
        _trusted = new TrustedKeys([_team.PublicKey]);
    }

    [TearDown]
    public void Delete()
    {
        _team.Dispose();
        _scratch.Dispose();
    }

    [Test]
    public async Task An_entry_a_store_built_without_the_team_key_is_restored_by_that_store()
    {
        var store = Store("local", teamKey: null, _trusted);
        await store.SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());

        var result = await store.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.True, result.Reason);
    }

    [Test]
    public async Task An_unsigned_entry_put_into_the_folder_is_refused_and_quarantined()
    {
        await Store("ci-job", teamKey: null, TrustedKeys.None).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var reader = Store("local", teamKey: null, _trusted);
        CopyScope("ci-job", "local");

        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Corrupt));
        Assert.That(result.Reason, Does.Contain("not signed"));
        Assert.That(File.Exists(reader.MetadataPath("x86_64", _inputs.Key)), Is.False);
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False);
    }

    [Test]
    public async Task An_entry_another_store_built_with_its_own_key_is_refused_when_put_into_the_folder()
    {
        await Store("ci-job", teamKey: null, _trusted).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var reader = Store("local", teamKey: null, _trusted);
        CopyScope("ci-job", "local");

        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("not trusted"));
    }

    [Test]
    public async Task An_entry_signed_with_an_untrusted_key_is_refused()
    {
        using var stranger = SigningKey.Generate();
        await Store("ci-job", stranger, TrustedKeys.None).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var reader = Store("local", teamKey: null, _trusted);
        CopyScope("ci-job", "local");

        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.False);
        Assert.That(result.Reason, Does.Contain("not trusted"));
    }

    [Test]
    public async Task An_entry_signed_with_the_team_key_is_restored_wherever_it_was_built()
    {
        await Store("ci-job", _team, _trusted).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var reader = Store("local", teamKey: null, _trusted);
        CopyScope("ci-job", "local");

        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.True, result.Reason);
    }

    [Test]
    public async Task A_rebuild_replaces_an_untrusted_entry_so_the_next_run_hits()
    {
        await Store("ci-job", teamKey: null, TrustedKeys.None).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        CopyScope("ci-job", "local");
        var reader = Store("local", teamKey: null, _trusted);

        await reader.SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.True, result.Reason);
    }

    [Test]
    public async Task Without_trusted_keys_an_unsigned_entry_from_elsewhere_is_restored()
    {
        await Store("ci-job", teamKey: null, TrustedKeys.None).SaveAsync("x86_64", _inputs.Key, _inputs, BuiltTools());
        var reader = Store("local", teamKey: null, TrustedKeys.None);
        CopyScope("ci-job", "local");

        var result = await reader.TryRestoreAsync("x86_64", _inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.IsHit, Is.True, result.Reason);
    }

    private ToolsCacheStore Store(string name, SigningKey? teamKey, TrustedKeys trusted)
    {
        var root = _scratch.Combine(name);
        return new ToolsCacheStore(root) { Trust = EntryTrust.ForLocalStore(root, teamKey, trusted) };
    }

    /// <summary>What a CI cache restore does: the scope's folder of one store, put into another's.</summary>
    private void CopyScope(string from, string to)
    {
        var target = _scratch.Combine(to, "x86_64");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(_scratch.Combine(from, "x86_64")))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
    }

    private string BuiltTools()
    {
        var name = $"built-{Guid.NewGuid():N}";
        _scratch.Write($"{name}/bin/stress", "stress 1.0.7", executable: true);
        return _scratch.Combine(name);
    }
}
