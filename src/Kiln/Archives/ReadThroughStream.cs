namespace Kiln.Archives;

/// <summary>
/// Passes reads through from <paramref name="inner"/>, counting the bytes and keeping the last eight. On the
/// compressed side those eight bytes are the gzip trailer (CRC-32, length mod 2^32); on the decompressed side the
/// count is that length. The BCL's GZipStream reports a truncated stream as a clean end, so this is how we tell.
/// </summary>
internal sealed class ReadThroughStream(Stream inner) : Stream
{
    private readonly byte[] _tail = new byte[8];

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The last four bytes read, as the little-endian gzip ISIZE field.</summary>
    public uint TrailingLength => BitConverter.ToUInt32(_tail, 4);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        if (read > 0)
            Remember(buffer[..read]);
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length >= _tail.Length)
        {
            read[^_tail.Length..].CopyTo(_tail);
            return;
        }

        _tail.AsSpan(read.Length).CopyTo(_tail);
        read.CopyTo(_tail.AsSpan(_tail.Length - read.Length));
    }
}
