using System.Text.Json;

namespace Kiln.Tools.Sources.Snapshot;

/// <summary>
/// A snapshot archive's answer to <c>mr/package/&lt;source&gt;/&lt;version&gt;/srcfiles?fileinfo=1</c>: the SHA-1 of every
/// file of that source package version (<c>result[].hash</c>), under which <c>file/&lt;sha1&gt;</c> serves it, and the
/// names each was published under (<c>fileinfo.&lt;sha1&gt;[].name</c>).
/// </summary>
internal sealed class SnapshotSourceFiles
{
    private readonly IReadOnlyList<(string Name, string Sha1)> _files;

    private SnapshotSourceFiles(IReadOnlyList<(string Name, string Sha1)> files) => _files = files;

    /// <summary>The SHA-1s published under <paramref name="name"/>: usually one, but the archive does not promise it.</summary>
    public IReadOnlyList<string> Sha1sOf(string name) => _files.Where(f => f.Name == name).Select(f => f.Sha1).Distinct().ToList();

    /// <exception cref="InvalidDataException">The document is not JSON of that shape, or a hash is not a SHA-1.</exception>
    public static SnapshotSourceFiles Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var files = new List<(string, string)>();
            foreach (var result in root.GetProperty("result").EnumerateArray())
            {
                var sha1 = result.GetProperty("hash").GetString() ?? "";
                // The hash goes into a URL: only a SHA-1 in hex may.
                if (sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigit))
                    throw new InvalidDataException($"'{sha1}' is not a SHA-1");
                if (root.GetProperty("fileinfo").TryGetProperty(sha1, out var published))
                    files.AddRange(published.EnumerateArray().Select(p => (p.GetProperty("name").GetString() ?? "", sha1.ToLowerInvariant())));
            }

            return new SnapshotSourceFiles(files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a srcfiles?fileinfo=1 answer ({e.Message})", e);
        }
    }
}
