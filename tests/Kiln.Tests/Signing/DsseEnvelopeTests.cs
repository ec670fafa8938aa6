using System.Text;
using Kiln.Processes;
using Kiln.Signing;

namespace Kiln.Tests.Signing;

public sealed class DsseEnvelopeTests
{
    private static readonly byte[] Statement = """{"_type":"https://in-toto.io/Statement/v1"}"""u8.ToArray();

    [Test]
    public void The_pre_authentication_encoding_is_dssev1_with_the_byte_lengths_of_type_and_payload()
    {
        var encoded = DsseEnvelope.PreAuthenticationEncoding("application/vnd.in-toto+json", "héllo"u8.ToArray());

        Assert.That(Encoding.UTF8.GetString(encoded), Is.EqualTo("DSSEv1 28 application/vnd.in-toto+json 6 héllo"));
    }

    [Test]
    public void A_signed_envelope_read_back_from_its_json_line_verifies_with_the_trusted_key()
    {
        using var key = SigningKey.Generate();
        var line = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, Statement, key).ToJsonLine();

        var envelope = DsseEnvelope.FromJson(line);

        Assert.That(line.TrimEnd('\n'), Does.Not.Contain("\n"));
        Assert.That(envelope.Payload, Is.EqualTo(Statement));
        Assert.That(envelope.Problem(new TrustedKeys([key.PublicKey])), Is.Null);
    }

    [Test]
    public void An_envelope_whose_payload_type_was_changed_is_refused()
    {
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, Statement, key);

        var problem = (envelope with { PayloadType = "application/json" }).Problem(new TrustedKeys([key.PublicKey]));

        Assert.That(problem, Does.Contain("does not match"));
    }

    [Test]
    public void An_envelope_signed_by_an_untrusted_key_is_refused()
    {
        using var key = SigningKey.Generate();
        using var team = SigningKey.Generate();

        var problem = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, Statement, key).Problem(new TrustedKeys([team.PublicKey]));

        Assert.That(problem, Does.Contain("not trusted"));
    }

    [Test]
    public async Task Openssl_verifies_the_signature_over_the_pre_authentication_encoding_with_the_public_key()
    {
        using var scratch = new ScratchDirectory();
        using var key = SigningKey.Generate();
        var envelope = DsseEnvelope.FromJson(DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, Statement, key).ToJsonLine());
        File.WriteAllText(scratch.Combine("key.pub.pem"), key.PublicKey.ExportPem());
        File.WriteAllBytes(scratch.Combine("pae"), DsseEnvelope.PreAuthenticationEncoding(envelope.PayloadType, envelope.Payload));
        File.WriteAllBytes(scratch.Combine("sig"), envelope.Signatures[0].Signature);

        var output = await ProcessRunner.CaptureAsync(["openssl", "dgst", "-sha256", "-verify", "key.pub.pem", "-signature", "sig", "pae"], scratch.Path, CancellationToken.None);

        Assert.That(output, Does.Contain("Verified OK"));
    }
}
