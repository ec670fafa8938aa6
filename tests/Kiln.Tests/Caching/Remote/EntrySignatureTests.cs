using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching.Remote;

public sealed class EntrySignatureTests
{
    private static readonly byte[] TeamKey = "team key"u8.ToArray();

    [Test]
    public void An_entry_signed_with_the_team_key_verifies_after_a_json_round_trip()
    {
        var entry = Entry();
        var signed = entry with { Signature = EntrySignature.Compute(entry, TeamKey) };

        var parsed = ToolsCacheEntry.FromJson(signed.ToJson(), DateTimeOffset.UtcNow);

        Assert.That(EntrySignature.Problem(parsed, TeamKey), Is.Null);
    }

    [Test]
    public void An_unsigned_entry_is_refused_when_a_key_is_set()
    {
        var problem = EntrySignature.Problem(Entry(), TeamKey);

        Assert.That(problem, Does.Contain("not signed"));
    }

    [Test]
    public void An_entry_whose_archive_digest_was_changed_after_signing_is_refused()
    {
        var entry = Entry();
        var signed = entry with { Signature = EntrySignature.Compute(entry, TeamKey) };

        var problem = EntrySignature.Problem(signed with { ArchiveSha256 = new string('b', 64) }, TeamKey);

        Assert.That(problem, Does.Contain("does not match"));
    }

    [Test]
    public void An_entry_signed_with_another_key_is_refused()
    {
        var entry = Entry();
        var signed = entry with { Signature = EntrySignature.Compute(entry, "someone else"u8.ToArray()) };

        Assert.That(EntrySignature.Problem(signed, TeamKey), Does.Contain("does not match"));
    }

    private static ToolsCacheEntry Entry()
    {
        var inputs = new FingerprintInputs(new Dictionary<string, string> { ["arch"] = "x86_64" },
            new Dictionary<string, FileDigest> { ["stress/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });
        return new ToolsCacheEntry(inputs.Key, "x86_64", inputs, new string('c', 64), 1234, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            new Dictionary<string, string> { ["stress"] = "1.0.7-1" });
    }
}
