using System.Text;
using System.Text.Json;
using Kiln.Signing;
using Kiln.Targets.Fingerprints;

namespace Kiln.Caching;

/// <summary>
/// The metadata of one cache entry, stored as <c>&lt;scope&gt;/&lt;fingerprint&gt;.json</c> next to its archive. Its
/// presence is the commit marker: an archive without metadata is not an entry. <see cref="LastUsed"/> is the
/// archive's mtime, touched on every hit, so readers never rewrite metadata another process may be reading.
/// </summary>
internal sealed record ToolsCacheEntry(
    string Fingerprint,
    string Scope,
    FingerprintInputs Inputs,
    string ArchiveSha256,
    long ArchiveSize,
    DateTimeOffset Created,
    DateTimeOffset LastUsed,
    IReadOnlyDictionary<string, string> Summary)
{
    private const int Format = 2;
    private const string SignedContentFormat = "kiln-tools-cache-entry/1";

    /// <summary>An ECDSA signature over <see cref="SignedContent"/> (<see cref="EntryTrust"/>); null when unsigned.</summary>
    public KeySignature? Signature { get; init; }

    /// <summary>
    /// Null when this metadata describes (<paramref name="scope"/>, <paramref name="fingerprint"/>) and its inputs hash
    /// to that key; otherwise what is wrong. Every tier asks this before it uses an entry's archive.
    /// </summary>
    public string? ProblemFor(string scope, string fingerprint)
    {
        if (Fingerprint != fingerprint || Scope != scope)
            return $"the metadata describes {Scope} {Short(Fingerprint)}, not {scope} {Short(fingerprint)}";
        if (Inputs.Key != fingerprint)
            return $"the metadata's inputs document has the fingerprint {Short(Inputs.Key)}, not {Short(fingerprint)}";
        return null;
    }

    /// <summary>
    /// What a signature covers: the key, scope, archive digest and size, and summary (the inputs are bound by the key,
    /// which is their hash), one per line, names and values of the summary in base64 so no value can forge a line.
    /// </summary>
    public byte[] SignedContent()
    {
        var text = new StringBuilder(SignedContentFormat).Append('\n')
            .Append("fingerprint ").Append(Fingerprint).Append('\n')
            .Append("scope ").Append(Scope).Append('\n')
            .Append("archive ").Append(ArchiveSha256).Append(' ').Append(ArchiveSize).Append('\n');
        foreach (var (name, value) in Summary.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            text.Append("summary ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(name))).Append(' ')
                .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value))).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A digest as printed: its first 12 characters.</summary>
    public static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteString("fingerprint", Fingerprint);
            json.WriteString("scope", Scope);
            json.WriteStartObject("archive");
            json.WriteString("sha256", ArchiveSha256);
            json.WriteNumber("size", ArchiveSize);
            json.WriteEndObject();
            json.WriteString("created", Created.ToUniversalTime().ToString("O"));
            json.WriteStartObject("summary");
            foreach (var (name, value) in Summary.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                json.WriteString(name, value);
            json.WriteEndObject();
            if (Signature is not null)
            {
                json.WriteStartObject("signature");
                json.WriteString("keyid", Signature.KeyId);
                json.WriteString("sig", Convert.ToBase64String(Signature.Signature));
                json.WriteEndObject();
            }

            json.WritePropertyName("inputs");
            Inputs.WriteTo(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses metadata; anything malformed or of another format throws <see cref="InvalidDataException"/>.</summary>
    public static ToolsCacheEntry FromJson(string json, DateTimeOffset lastUsed)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != Format)
                throw new InvalidDataException($"metadata format {root.GetProperty("format")} is not {Format}");
            var archive = root.GetProperty("archive");
            return new ToolsCacheEntry(
                root.GetProperty("fingerprint").GetString() ?? string.Empty,
                root.GetProperty("scope").GetString() ?? string.Empty,
                FingerprintInputs.FromJson(root.GetProperty("inputs")),
                archive.GetProperty("sha256").GetString() ?? string.Empty,
                archive.GetProperty("size").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("created").GetString() ?? string.Empty, System.Globalization.CultureInfo.InvariantCulture),
                lastUsed,
                root.GetProperty("summary").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal))
            {
                Signature = SignatureOf(root),
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"unreadable metadata: {exception.Message}", exception);
        }
    }

    /// <summary>The metadata's signature; an HMAC of an older Kiln (a string) is no signature a public key verifies, so the entry counts as unsigned.</summary>
    private static KeySignature? SignatureOf(JsonElement root) =>
        root.TryGetProperty("signature", out var signature) && signature.ValueKind == JsonValueKind.Object
            ? new KeySignature(signature.GetProperty("keyid").GetString() ?? string.Empty, Convert.FromBase64String(signature.GetProperty("sig").GetString() ?? string.Empty))
            : null;
}
