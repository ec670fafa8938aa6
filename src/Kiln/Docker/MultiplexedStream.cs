using System.Buffers.Binary;

namespace Kiln.Docker;

/// <summary>
/// Decodes the Engine's stream framing of a container without a TTY: each frame is an 8-byte header
/// (stream type: 0 stdin, 1 stdout, 2 stderr; three zero bytes; big-endian payload length) and its payload.
/// </summary>
internal static class MultiplexedStream
{
    private const int HeaderLength = 8;

    /// <summary>Copies every frame's payload to <paramref name="stdout"/> or <paramref name="stderr"/> until the source ends.</summary>
    internal static async Task DemultiplexAsync(Stream source, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var payload = new byte[64 * 1024];
        while (await ReadHeaderAsync(source, header, cancellationToken))
        {
            var target = header[0] switch
            {
                0 or 1 => stdout,
                2 => stderr,
                var other => throw new InvalidDataException($"container output frame has unknown stream type {other}"),
            };
            var remaining = (long)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            while (remaining > 0)
            {
                var read = await source.ReadAsync(payload.AsMemory(0, (int)Math.Min(payload.Length, remaining)), cancellationToken);
                if (read == 0)
                    throw new EndOfStreamException($"container output ended inside a frame ({remaining} bytes missing)");
                await target.WriteAsync(payload.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        await stdout.FlushAsync(cancellationToken);
        await stderr.FlushAsync(cancellationToken);
    }

    private static async Task<bool> ReadHeaderAsync(Stream source, byte[] header, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < HeaderLength)
        {
            var read = await source.ReadAsync(header.AsMemory(filled), cancellationToken);
            if (read == 0)
                return filled == 0
                    ? false
                    : throw new EndOfStreamException($"container output ended inside a frame header ({filled} of {HeaderLength} bytes)");
            filled += read;
        }
        return true;
    }
}
