using System.Security.Cryptography;
using System.Text.Json;

namespace Kiln.Tests.Tools;

/// <summary>
/// Publishes source packages in the layout of Debian's snapshot archive under a web server's root: each file at
/// <c>file/&lt;sha1&gt;</c>, and the version's listing at <c>mr/package/&lt;source&gt;/&lt;version&gt;/srcfiles</c> (a
/// static server ignores the <c>?fileinfo=1</c> query), with every field the answer of Debian's snapshot archive carries.
/// </summary>
internal static class SnapshotArchiveLayout
{
    /// <summary>Publishes every file of <paramref name="packageDirectory"/> as <paramref name="source"/> <paramref name="version"/>; returns each file's SHA-1 by name.</summary>
    public static IReadOnlyDictionary<string, string> Publish(string root, string source, string version, string packageDirectory)
    {
        var sha1s = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(packageDirectory))
        {
            var sha1 = Convert.ToHexStringLower(SHA1.HashData(File.ReadAllBytes(file)));
            Directory.CreateDirectory(Path.Combine(root, "file"));
            File.Copy(file, Path.Combine(root, "file", sha1), overwrite: true);
            sha1s[Path.GetFileName(file)] = sha1;
        }

        var listing = new
        {
            _comment = "foo",
            package = source,
            version,
            result = sha1s.Values.Select(hash => new { hash }),
            fileinfo = sha1s.ToDictionary(f => f.Value, f => new[]
            {
                new { name = f.Key, archive_name = "debian", path = $"/pool/main/{source[0]}/{source}", first_seen = "20260101T000000Z", size = new FileInfo(Path.Combine(packageDirectory, f.Key)).Length },
            }),
        };
        var listingFile = SourceFilesPath(root, source, version);
        Directory.CreateDirectory(Path.GetDirectoryName(listingFile)!);
        File.WriteAllText(listingFile, JsonSerializer.Serialize(listing));
        return sha1s;
    }

    public static string SourceFilesPath(string root, string source, string version) => Path.Combine(root, "mr", "package", source, version, "srcfiles");
}
