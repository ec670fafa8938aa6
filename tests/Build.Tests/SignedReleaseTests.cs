using System.Text;
using System.Text.Json;
using Kiln.Signing;
using Kiln.Testing;

namespace Build.Tests;

/// <summary>
/// <c>./build.sh Dist</c> with <c>KILN_SIGNING_KEY</c> in the environment and its public key committed in
/// <c>trusted-keys/</c>: openssl, an implementation of its own, verifies the envelope's signature over the DSSE
/// pre-authentication encoding, and <c>./build.sh Verify</c> passes on that dist/ and fails naming any file one byte of
/// which changed. The keys are made by openssl too. Small: stress for x86_64 with the local executor.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 900, Why = "the set-up compiles stress for one arch and publishes the program for it")]
public class SignedReleaseTests
{
    private const string TrustedKey = "trusted-keys/team.pem";
    private static readonly string[] Small = ["--executor", "local", "--arch", "x86_64", "--tools", "stress"];

    private RepositoryCopy _repository = null!;
    private ProcessResult _dist = null!;

    [OneTimeSetUp]
    public void ReleaseSigned()
    {
        _repository = RepositoryCopy.Create("signed-release");
        var privateKey = Path.Combine(_repository.Root, ".nuke", "temp", "signing-key.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(privateKey)!);
        OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", privateKey);
        OpenSsl("pkey", "-in", privateKey, "-pubout", "-out", _repository.PathOf(TrustedKey));
        _repository.Commit("trust the team's key");
        _dist = _repository.BuildSh(new Dictionary<string, string> { [SigningKey.EnvironmentVariable] = File.ReadAllText(privateKey) }, ["Dist", .. Small]);
        File.Delete(privateKey);
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test, Order(1)]
    public void Openssl_verifies_the_envelopes_signature_over_the_pae_with_the_committed_public_key()
    {
        Assert.That(_dist.ExitCode, Is.Zero, _dist.All);
        using var envelope = JsonDocument.Parse(File.ReadAllText(_repository.PathOf("dist/provenance.intoto.jsonl")));
        var payloadType = envelope.RootElement.GetProperty("payloadType").GetString()!;
        var payload = Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!);
        var signature = envelope.RootElement.GetProperty("signatures")[0].GetProperty("sig").GetString()!;
        var pae = _repository.PathOf(".nuke/temp/provenance.pae");
        var sig = _repository.PathOf(".nuke/temp/provenance.sig");
        File.WriteAllBytes(pae, [.. Encoding.UTF8.GetBytes($"DSSEv1 {Encoding.UTF8.GetByteCount(payloadType)} {payloadType} {payload.Length} "), .. payload]);
        File.WriteAllBytes(sig, Convert.FromBase64String(signature));

        var verified = OpenSsl("dgst", "-sha256", "-verify", _repository.PathOf(TrustedKey), "-signature", sig, pae);

        Assert.That(verified.Output, Does.Contain("Verified OK"));
        Assert.That(payload, Is.EqualTo(File.ReadAllBytes(_repository.PathOf("dist/provenance.intoto.json"))));
    }

    [Test, Order(2)]
    public void Verify_passes_on_the_signed_dist_and_fails_naming_each_file_one_byte_of_which_changed()
    {
        var fresh = _repository.BuildSh("Verify");
        Assert.That(fresh.ExitCode, Is.Zero, fresh.All);
        Assert.That(fresh.Output, Does.Contain("signed by team"));

        var dist = _repository.PathOf("dist");
        foreach (var path in Directory.GetFiles(dist).Order(StringComparer.Ordinal))
        {
            var original = File.ReadAllBytes(path);
            var changed = original.ToArray();
            changed[changed.Length / 2] ^= 0x01;
            File.WriteAllBytes(path, changed);
            try
            {
                var verified = _repository.BuildSh("Verify");

                Assert.That(verified.ExitCode, Is.Not.Zero, $"{Path.GetFileName(path)} changed: {verified.All}");
                Assert.That(verified.All, Does.Contain($"  {Path.GetFileName(path)}: "), verified.All);
            }
            finally
            {
                File.WriteAllBytes(path, original);
            }
        }
    }

    private ProcessResult OpenSsl(params string[] args)
    {
        var result = RepositoryCopy.Run("openssl", args, _repository.Root);
        Assert.That(result.ExitCode, Is.Zero, result.All);
        return result;
    }
}
