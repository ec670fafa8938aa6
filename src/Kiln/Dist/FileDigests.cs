using System.Security.Cryptography;
using Kiln.Targets.Fingerprints;

namespace Kiln.Dist;

internal static class FileDigests
{
    public static string Sha256(string file) => ContentHash.OfFile(file);

    public static string Md5(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Writes through a temporary file in the same folder and renames: a reader sees all of it or nothing.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
