using System.IO.Compression;

namespace Kiln.Archives;

/// <summary>
/// Deterministic <c>.tgz</c> archives (two builds of one commit give the same bytes) and their safe extraction.
/// Tar headers are written and read by SharpZipLib; gzip is the BCL's native zlib, which is several times faster
/// than a managed deflater and keeps packing within reach of GNU tar + gzip (bench/README.md).
/// </summary>
internal static partial class TarGz
{
    /// <summary>zlib level 6, what <c>gzip</c> and <c>tar -z</c> use by default.</summary>
    private static readonly ZLibCompressionOptions Compression = new()
    {
        CompressionLevel = 6,
        CompressionStrategy = ZLibCompressionStrategy.Default,
    };

    private const int CopyBufferSize = 256 * 1024;
}
