using Kiln.Targets;
using System.Security.Cryptography;
using Kiln.Targets.Foundation;

namespace Kiln.Signing;

/// <summary>
/// The private half of an ECDSA P-256 key pair, read from PEM (PKCS#8, as <c>openssl genpkey</c> and cosign write it).
/// It signs cache entries and the release's DSSE envelope; whoever only verifies holds the public half alone
/// (<see cref="TrustedKeys"/>), so no verifier can sign.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    /// <summary>The secret environment variable that holds the key; it never comes from a command line or a file of the checkout.</summary>
    public const string EnvironmentVariable = "KILN_SIGNING_KEY";

    /// <summary>
    /// The generated workflow's secret of the same name: <see cref="EnvironmentVariable"/> spelled as a parameter of the
    /// build's prefix (a test holds the two together). Only the steps of trusted runs get it: whoever holds it signs what
    /// every build that trusts its public key accepts, and a pull request's build verifies with the committed keys alone.
    /// </summary>
    public static GitHubActionsStepVariable WorkflowVariable => GitHubActionsStepVariable.FromBuildSecret("SigningKey").AsWriteCredential();

    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        PublicKey = TrustedKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), EnvironmentVariable);
    }

    /// <summary>The public half, as a verifier of this key's signatures holds it.</summary>
    public TrustedKey PublicKey { get; }

    /// <summary>The hex SHA-256 of the public key's SPKI DER: the <c>keyid</c> of every signature this key makes.</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>A P-256 key from <paramref name="pem"/>; anything else fails naming <paramref name="source"/>.</summary>
    public static SigningKey FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256 || key.ExportParameters(includePrivateParameters: true) is not { D: not null } parameters
                || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new BuildException($"{source}: the key is not an ECDSA P-256 private key (make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).");
            return new SigningKey(key);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new BuildException($"{source}: holds no PEM private key (-----BEGIN PRIVATE KEY-----, PKCS#8): {exception.Message}", exception);
        }
        catch (BuildException)
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A fresh key, for a machine's own entries (<c>Kiln.Caching.EntryTrust</c>) and for tests.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The key as PKCS#8 PEM, the form <see cref="FromPem"/> reads.</summary>
    public string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// An ECDSA signature over the SHA-256 of <paramref name="data"/>, DER-encoded (RFC 3279) as openssl, cosign and
    /// the DSSE tools exchange it.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
