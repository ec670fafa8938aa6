using System.Text.Json;

namespace Kiln.Targets.Fingerprints;

public sealed partial class FingerprintInputs
{
    /// <summary>Writes the inputs as a JSON object: <c>{"key", "named": {...}, "files": {path: {sha256, executable} | {symlink}}}</c>.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("key", Key);
        json.WriteStartObject("named");
        foreach (var (name, value) in Named)
            json.WriteString(name, value);
        json.WriteEndObject();
        json.WriteStartObject("files");
        foreach (var (path, digest) in Files)
        {
            json.WriteStartObject(path);
            if (digest.SymlinkTarget is { } target)
            {
                json.WriteString("symlink", target);
            }
            else
            {
                json.WriteString("sha256", digest.Sha256);
                json.WriteBoolean("executable", digest.Executable);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            WriteTo(json);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static FingerprintInputs FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote; a malformed document throws <see cref="InvalidDataException"/>.</summary>
    public static FingerprintInputs FromJson(JsonElement element)
    {
        try
        {
            var named = element.GetProperty("named").EnumerateObject()
                .ToDictionary(property => property.Name, property => property.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
            var files = new Dictionary<string, FileDigest>(StringComparer.Ordinal);
            foreach (var file in element.GetProperty("files").EnumerateObject())
            {
                files[file.Name] = file.Value.TryGetProperty("symlink", out var target)
                    ? FileDigest.Symlink(target.GetString() ?? string.Empty)
                    : FileDigest.Regular(file.Value.GetProperty("sha256").GetString() ?? string.Empty, file.Value.GetProperty("executable").GetBoolean());
            }

            return new FingerprintInputs(named, files);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Not a fingerprint inputs document: {exception.Message}", exception);
        }
    }
}
