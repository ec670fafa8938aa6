using System.Text;
using System.Text.Json;

namespace Kiln.Signing;

/// <summary>
/// A DSSE envelope (the signature wrapper of in-toto and cosign): the payload in base64, its type, and signatures over
/// the pre-authentication encoding <see cref="PreAuthenticationEncoding"/> of the two, so that a signature cannot be
/// moved to a payload of another type. Written as one JSON line, the in-toto convention for <c>*.intoto.jsonl</c>.
/// </summary>
internal sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<KeySignature> Signatures)
{
    /// <summary>The payload type of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary><c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal byte counts: what is signed.</summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, byte[] payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes($"DSSEv1 {type.Length} {payloadType} {payload.Length} ");
        return [.. header, .. payload];
    }

    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key) =>
        new(payloadType, payload, [new KeySignature(key.KeyId, key.Sign(PreAuthenticationEncoding(payloadType, payload)))]);

    /// <summary>Null when a signature by a key in <paramref name="trusted"/> verifies; otherwise why none does.</summary>
    public string? Problem(TrustedKeys trusted)
    {
        if (Signatures.Count == 0)
            return "the envelope holds no signature";
        var encoded = PreAuthenticationEncoding(PayloadType, Payload);
        var problems = Signatures.Select(signature => trusted.Problem(encoded, signature.KeyId, signature.Signature)).ToList();
        return problems.Any(problem => problem is null) ? null : string.Join("; ", problems);
    }

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("payloadType", PayloadType);
            json.WriteString("payload", Convert.ToBase64String(Payload));
            json.WriteStartArray("signatures");
            foreach (var signature in Signatures)
            {
                json.WriteStartObject();
                json.WriteString("keyid", signature.KeyId);
                json.WriteString("sig", Convert.ToBase64String(signature.Signature));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Parses one envelope line; anything malformed throws <see cref="InvalidDataException"/>.</summary>
    public static DsseEnvelope FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new DsseEnvelope(
                Required(root, "payloadType").GetString()!,
                Convert.FromBase64String(Required(root, "payload").GetString()!),
                Required(root, "signatures").EnumerateArray()
                    .Select(s => new KeySignature(Required(s, "keyid").GetString()!, Convert.FromBase64String(Required(s, "sig").GetString()!)))
                    .ToList());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"not a DSSE envelope: {exception.Message}", exception);
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value ? value : throw new KeyNotFoundException($"'{name}' is null");
}
