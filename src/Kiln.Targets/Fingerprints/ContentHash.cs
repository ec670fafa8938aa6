using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Kiln.Targets.Fingerprints;

/// <summary>SHA-256 of a file's bytes, lowercase hex.</summary>
public static class ContentHash
{
    private const int ChunkSize = 1024 * 1024;

    public static string OfFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return OfHandle(handle);
    }

    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string OfHandle(SafeFileHandle handle)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long offset = 0;
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, ChunkSize), offset);
            if (read < ChunkSize)
                return Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, read)));

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (read > 0)
            {
                hash.AppendData(buffer, 0, read);
                offset += read;
                read = RandomAccess.Read(handle, buffer.AsSpan(0, ChunkSize), offset);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
