namespace Kiln.Signing;

/// <summary>
/// The public keys a build trusts, committed one per file as <c>&lt;name&gt;.pem</c> (like Nix's trusted-public-keys: a
/// short list, so a key is rotated by adding the new one before signing with it and removing the old one after). None
/// means nothing is verified.
/// </summary>
internal sealed class TrustedKeys
{
    public const string FileExtension = ".pem";

    public TrustedKeys(IReadOnlyList<TrustedKey> keys) => Keys = keys;

    public static TrustedKeys None { get; } = new([]);

    public IReadOnlyList<TrustedKey> Keys { get; }

    /// <summary>Whether signatures are checked at all: a build without trusted keys verifies nothing.</summary>
    public bool AreConfigured => Keys.Count > 0;

    /// <summary>Every <c>*.pem</c> of <paramref name="folder"/>; a missing folder trusts no key. A file that is no P-256 public key fails naming it.</summary>
    public static TrustedKeys Load(string folder) =>
        Directory.Exists(folder)
            ? new(Directory.GetFiles(folder, "*" + FileExtension).Order(StringComparer.Ordinal)
                .Select(file => TrustedKey.FromPem(File.ReadAllText(file), file)).ToList())
            : None;

    /// <summary>These keys and <paramref name="key"/>.</summary>
    public TrustedKeys With(TrustedKey key) => new([.. Keys, key]);

    /// <summary>
    /// Null when the key named <paramref name="keyId"/> is trusted and made <paramref name="signature"/> over
    /// <paramref name="data"/>; otherwise why not. Only the named key is tried: a signature must say who made it.
    /// </summary>
    public string? Problem(ReadOnlySpan<byte> data, string? keyId, ReadOnlySpan<byte> signature)
    {
        var key = Keys.FirstOrDefault(k => k.KeyId == keyId);
        if (key is null)
            return $"it is signed by key {Short(keyId)}, which is not trusted (trusted: {string.Join(", ", Keys.Select(k => $"{k.Name} {Short(k.KeyId)}"))})";
        return key.Verifies(data, signature) ? null : $"its signature by {key.Name} ({Short(keyId)}) does not match (altered after signing)";
    }

    private static string Short(string? keyId) => string.IsNullOrEmpty(keyId) ? "(none)" : keyId.Length > 12 ? keyId[..12] : keyId;
}
