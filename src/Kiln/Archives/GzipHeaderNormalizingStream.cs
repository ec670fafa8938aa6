namespace Kiln.Archives;

/// <summary>
/// Rewrites the gzip member header as it passes to <paramref name="inner"/>: mtime 0 and a fixed OS byte (3, Unix),
/// so the bytes do not depend on the zlib build's platform. The header is not covered by the gzip CRC.
/// </summary>
internal sealed class GzipHeaderNormalizingStream(Stream inner) : Stream
{
    private const int HeaderLength = 10;
    private const byte UnixOperatingSystem = 3;
    private long _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_position < HeaderLength && buffer.Length > 0)
        {
            var headerBytes = (int)Math.Min(HeaderLength - _position, buffer.Length);
            Span<byte> header = stackalloc byte[headerBytes];
            buffer[..headerBytes].CopyTo(header);
            for (var i = 0; i < headerBytes; i++)
            {
                var index = _position + i;
                if (index is >= 4 and <= 7)
                    header[i] = 0;
                else if (index == 9)
                    header[i] = UnixOperatingSystem;
            }

            inner.Write(header);
            _position += headerBytes;
            buffer = buffer[headerBytes..];
        }

        inner.Write(buffer);
        _position += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
