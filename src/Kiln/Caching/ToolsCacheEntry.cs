using System.Text.Json;
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

    /// <summary>HMAC-SHA256 of the entry under a team's signing key (<see cref="Remote.EntrySignature"/>); null when unsigned.</summary>
    public string? Signature { get; init; }

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
                json.WriteString("signature", Signature);
            json.WritePropertyName("inputs");
            Inputs.WriteTo(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
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
                Signature = root.TryGetProperty("signature", out var signature) ? signature.GetString() : null,
            };
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"unreadable metadata: {exception.Message}", exception);
        }
    }
}
