using System.Text.Json;
using Kiln.Targets.Fingerprints;

namespace Kiln.Targets.Incremental;

/// <summary>
/// What a target's last successful run was made from and what it left: the inputs' digests and the outputs' digests.
/// Written atomically (temp file, flush to disk, rename) only after the run succeeded, so a crash leaves the previous
/// record or none, never one that describes outputs the run did not finish.
/// </summary>
internal sealed record TargetRecord(FingerprintInputs Inputs, FingerprintInputs Outputs)
{
    private const string Format = "kiln-target-record/1";

    /// <summary>The record at <paramref name="path"/>, or null when there is none or it cannot be read: the target then runs.</summary>
    public static TargetRecord? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
                return null;
            return new TargetRecord(FingerprintInputs.FromJson(root.GetProperty("inputs")), FingerprintInputs.FromJson(root.GetProperty("outputs")));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException
                                              or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    json.WriteString("format", Format);
                    json.WritePropertyName("inputs");
                    Inputs.WriteTo(json);
                    json.WritePropertyName("outputs");
                    Outputs.WriteTo(json);
                    json.WriteEndObject();
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
