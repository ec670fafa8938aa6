using Kiln.Signing;

namespace Kiln.Caching;

/// <summary>
/// Which entries a cache tier signs and which it accepts. With no trusted keys nothing is verified. With trusted keys, an
/// entry is used only when a trusted key signed its <see cref="ToolsCacheEntry.SignedContent"/>: unsigned, badly signed
/// or signed by another key, it is refused like a damaged one, from any tier.
/// </summary>
internal sealed class EntryTrust(SigningKey? signer, TrustedKeys trusted)
{
    public static EntryTrust None { get; } = new(null, TrustedKeys.None);

    /// <summary>Whether entries are checked at all.</summary>
    public bool Verifies => trusted.AreConfigured;

    /// <summary>
    /// The trust of a local store at <paramref name="storeRoot"/>. Its entries are signed with the team's key when this
    /// build holds it, else with the store's own key (<see cref="StoreSigningKey"/>), and the store trusts that key
    /// besides the committed ones: what this store built is trusted, like Nix trusts what its own machine built, while
    /// an entry put into the folder from elsewhere (a CI cache restore, a copy) must carry a trusted signature.
    /// </summary>
    public static EntryTrust ForLocalStore(string storeRoot, SigningKey? teamKey, TrustedKeys trusted)
    {
        if (!trusted.AreConfigured)
            return new EntryTrust(teamKey, trusted);
        var storeKey = StoreSigningKey.LoadOrCreate(storeRoot);
        return new EntryTrust(teamKey ?? storeKey, storeKey is null ? trusted : trusted.With(storeKey.PublicKey));
    }

    /// <summary><paramref name="entry"/> signed with this tier's key, or as it is when this tier holds none.</summary>
    public ToolsCacheEntry Sign(ToolsCacheEntry entry) =>
        signer is null ? entry : entry with { Signature = new KeySignature(signer.KeyId, signer.Sign(entry.SignedContent())) };

    /// <summary>Null when <paramref name="entry"/> may be used; otherwise why not.</summary>
    public string? Problem(ToolsCacheEntry entry)
    {
        if (!trusted.AreConfigured)
            return null;
        if (entry.Signature is not { } signature)
            return "the entry is not signed, and this build accepts only entries signed by a trusted key";
        return trusted.Problem(entry.SignedContent(), signature.KeyId, signature.Signature) is { } problem ? $"the entry: {problem}" : null;
    }
}
