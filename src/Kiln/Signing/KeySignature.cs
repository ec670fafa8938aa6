namespace Kiln.Signing;

/// <summary>
/// One signature and the id of the key that made it (<see cref="TrustedKey.KeyId"/>), as a DSSE envelope and a cache
/// entry's metadata carry it: <c>{"keyid": …, "sig": base64 DER}</c>.
/// </summary>
internal sealed record KeySignature(string KeyId, byte[] Signature);
