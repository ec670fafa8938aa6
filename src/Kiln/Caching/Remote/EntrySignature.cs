using System.Security.Cryptography;
using System.Text;

namespace Kiln.Caching.Remote;

/// <summary>
/// An HMAC-SHA256 over what makes an entry: its key, scope, archive digest and size, and summary (the inputs are bound
/// by the key, which is their hash). Like Turborepo's <c>x-artifact-tag</c>: whoever can write to the server but does
/// not hold the team's key cannot make an entry a signing build accepts.
/// </summary>
internal static class EntrySignature
{
    private const string CanonicalFormat = "kiln-tools-cache-entry/1";

    public static string Compute(ToolsCacheEntry entry, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(entry))));

    /// <summary>Null when <paramref name="entry"/> carries a valid signature under <paramref name="key"/>; otherwise why not.</summary>
    public static string? Problem(ToolsCacheEntry entry, byte[] key)
    {
        if (entry.Signature is null)
            return "the entry is not signed, and this build requires signed entries (a signing key is set)";
        var expected = Convert.FromHexString(Compute(entry, key));
        byte[] actual;
        try
        {
            actual = Convert.FromHexString(entry.Signature);
        }
        catch (FormatException)
        {
            return "the entry's signature is not hexadecimal";
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual) ? null : "the entry's signature does not match (signed with another key, or altered)";
    }

    private static string Canonical(ToolsCacheEntry entry)
    {
        var text = new StringBuilder(CanonicalFormat).Append('\n')
            .Append("fingerprint ").Append(entry.Fingerprint).Append('\n')
            .Append("scope ").Append(entry.Scope).Append('\n')
            .Append("archive ").Append(entry.ArchiveSha256).Append(' ').Append(entry.ArchiveSize).Append('\n');
        foreach (var (name, value) in entry.Summary.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            text.Append("summary ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(name))).Append(' ')
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value))).Append('\n');
        return text.ToString();
    }
}
