using System.Security.Cryptography;
using Kiln.Targets.Foundation;

namespace Kiln.Signing;

/// <summary>One public key a build trusts: an ECDSA P-256 key as SPKI (<c>-----BEGIN PUBLIC KEY-----</c>), named after its file.</summary>
internal sealed class TrustedKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private TrustedKey(string name, byte[] subjectPublicKeyInfo)
    {
        Name = Path.GetFileNameWithoutExtension(name);
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));
    }

    /// <summary>Where the key came from, for messages: its file's name without <c>.pem</c>, or the variable that held it.</summary>
    public string Name { get; }

    /// <summary>The hex SHA-256 of the key's SPKI DER, which every signature names so a verifier picks the key without trying each.</summary>
    public string KeyId { get; }

    /// <summary>The key as SPKI PEM, the form <see cref="FromPem"/> reads and openssl verifies with.</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", _subjectPublicKeyInfo);

    /// <summary>A P-256 public key from <paramref name="pem"/>; anything else fails naming <paramref name="name"/> (its file).</summary>
    public static TrustedKey FromPem(string pem, string name)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new BuildException($"{name}: holds no PEM public key (-----BEGIN PUBLIC KEY-----, an ECDSA P-256 SPKI): {exception.Message}", exception);
        }

        return FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), name);
    }

    internal static TrustedKey FromSubjectPublicKeyInfo(byte[] subjectPublicKeyInfo, string name)
    {
        using var key = Open(subjectPublicKeyInfo);
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new BuildException($"{name}: the key is not on the P-256 curve, the only one Kiln verifies.");
        return new TrustedKey(name, subjectPublicKeyInfo);
    }

    /// <summary>Whether <paramref name="signature"/> (DER, as <see cref="SigningKey.Sign"/> makes it) is this key's over <paramref name="data"/>.</summary>
    public bool Verifies(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var key = Open(_subjectPublicKeyInfo);
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static ECDsa Open(byte[] subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return key;
    }
}
