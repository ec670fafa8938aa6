using System.Security.Cryptography;
using Kiln.Signing;
using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Signing;

public sealed class SigningKeyTests
{
    [Test]
    public void The_workflow_hands_the_key_in_the_variable_the_build_reads()
    {
        var workflowVariable = BuildParameters.Named(SigningKey.WorkflowVariable.Parameter).EnvironmentVariable;

        Assert.That(workflowVariable, Is.EqualTo(SigningKey.EnvironmentVariable));
        Assert.That(SigningKey.WorkflowVariable.TrustedOnly, Is.True, "the key is a write credential");
    }

    [Test]
    public void A_key_read_back_from_its_pkcs8_pem_signs_what_its_public_key_verifies()
    {
        using var generated = SigningKey.Generate();
        using var key = SigningKey.FromPem(generated.ExportPem(), "test");
        var data = "entry"u8.ToArray();

        var signature = key.Sign(data);

        Assert.That(TrustedKey.FromPem(generated.PublicKey.ExportPem(), "team.pem").Verifies(data, signature), Is.True);
    }

    [Test]
    public void The_key_id_is_the_hex_sha256_of_the_public_keys_spki_der()
    {
        using var key = SigningKey.Generate();
        var der = PemEncoding.Find(key.PublicKey.ExportPem()) is var pem ? Convert.FromBase64String(key.PublicKey.ExportPem()[pem.Base64Data]) : [];

        Assert.That(key.KeyId, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(der))));
    }

    [Test]
    public void A_key_of_another_curve_is_refused_naming_its_source()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var error = Assert.Throws<BuildException>(() => SigningKey.FromPem(p384.ExportPkcs8PrivateKeyPem(), SigningKey.EnvironmentVariable));

        Assert.That(error!.Message, Does.StartWith(SigningKey.EnvironmentVariable).And.Contain("P-256"));
    }

    [Test]
    public void Text_that_is_no_pem_key_is_refused_naming_its_source()
    {
        var error = Assert.Throws<BuildException>(() => SigningKey.FromPem("an old HMAC secret", SigningKey.EnvironmentVariable));

        Assert.That(error!.Message, Does.StartWith(SigningKey.EnvironmentVariable).And.Contain("PKCS#8"));
    }

    [Test]
    public void A_public_key_in_place_of_the_private_one_is_refused()
    {
        using var key = SigningKey.Generate();

        Assert.Throws<BuildException>(() => SigningKey.FromPem(key.PublicKey.ExportPem(), SigningKey.EnvironmentVariable));
    }
}
