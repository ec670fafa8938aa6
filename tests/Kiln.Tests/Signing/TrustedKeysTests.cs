using Kiln.Signing;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Signing;

public sealed class TrustedKeysTests
{
    private readonly ScratchDirectory _folder = new();

    [TearDown]
    public void Delete() => _folder.Dispose();

    [Test]
    public void Every_pem_file_of_the_folder_is_a_trusted_key_named_after_it()
    {
        using var team = SigningKey.Generate();
        using var release = SigningKey.Generate();
        _folder.Write("team.pem", team.PublicKey.ExportPem());
        _folder.Write("release-2027.pem", release.PublicKey.ExportPem());
        _folder.Write("README.md", "how to add a key\n");

        var keys = TrustedKeys.Load(_folder.Path);

        Assert.That(keys.Keys.Select(k => (k.Name, k.KeyId)), Is.EqualTo(new[] { ("release-2027", release.KeyId), ("team", team.KeyId) }));
    }

    [Test]
    public void A_missing_folder_trusts_no_key_and_verifies_nothing()
    {
        var keys = TrustedKeys.Load(_folder.Combine("trusted-keys"));

        Assert.That(keys.AreConfigured, Is.False);
    }

    [Test]
    public void A_file_that_holds_no_public_key_fails_naming_it()
    {
        var file = _folder.Write("team.pem", "not a key\n");

        var error = Assert.Throws<BuildException>(() => TrustedKeys.Load(_folder.Path));

        Assert.That(error!.Message, Does.StartWith(file));
    }

    [Test]
    public void A_signature_by_a_trusted_key_verifies()
    {
        using var team = SigningKey.Generate();
        var data = "entry"u8.ToArray();

        var problem = new TrustedKeys([team.PublicKey]).Problem(data, team.KeyId, team.Sign(data));

        Assert.That(problem, Is.Null);
    }

    [Test]
    public void A_signature_by_an_untrusted_key_is_refused()
    {
        using var team = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var data = "entry"u8.ToArray();

        var problem = new TrustedKeys([team.PublicKey]).Problem(data, stranger.KeyId, stranger.Sign(data));

        Assert.That(problem, Does.Contain("not trusted"));
    }

    [Test]
    public void A_signature_that_claims_a_trusted_keys_id_but_was_made_by_another_key_is_refused()
    {
        using var team = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var data = "entry"u8.ToArray();

        var problem = new TrustedKeys([team.PublicKey]).Problem(data, team.KeyId, stranger.Sign(data));

        Assert.That(problem, Does.Contain("does not match"));
    }

    [Test]
    public void Data_altered_after_signing_is_refused()
    {
        using var team = SigningKey.Generate();

        var problem = new TrustedKeys([team.PublicKey]).Problem("entry 2"u8, team.KeyId, team.Sign("entry 1"u8));

        Assert.That(problem, Does.Contain("does not match"));
    }
}
