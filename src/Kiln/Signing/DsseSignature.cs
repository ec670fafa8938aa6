namespace Kiln.Signing;

/// <summary>One signature of a <see cref="DsseEnvelope"/>: the signing key's id and the DER signature over the envelope's PAE.</summary>
internal sealed record DsseSignature(string KeyId, byte[] Signature);
