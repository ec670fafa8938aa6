using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kiln.Targets.Configuration;

/// <summary>Writes JSON the same way on every machine: two-space indent, <c>\n</c>, final newline, no needless escapes.</summary>
internal static class GeneratedJson
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true,
                   NewLine = "\n",
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
