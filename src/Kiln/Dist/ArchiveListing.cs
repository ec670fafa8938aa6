using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ICSharpCode.SharpZipLib.Tar;

namespace Kiln.Dist;

/// <summary>The regular files of a release archive with each one's SHA-256, read without unpacking it.</summary>
internal static class ArchiveListing
{
    public static IReadOnlyList<(string Path, string Sha256)> Read(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarInputStream(gzip, Encoding.UTF8);
        var files = new List<(string, string)>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.IsDirectory || entry.TarHeader.TypeFlag is not (TarHeader.LF_NORMAL or TarHeader.LF_OLDNORM))
                continue;
            using var content = new MemoryStream();
            tar.CopyEntryContents(content);
            files.Add((entry.Name, Convert.ToHexStringLower(SHA256.HashData(content.ToArray()))));
        }

        return files;
    }
}
