using System.Text;
using Kiln.Docker;

namespace Kiln.Tests.Docker;

public sealed class MultiplexedStreamTests
{
    [Test]
    public async Task Frames_are_routed_to_stdout_and_stderr_by_their_stream_type()
    {
        using var source = new MemoryStream([.. Frame(1, "out-1 "), .. Frame(2, "err"), .. Frame(1, "out-2")]);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        await MultiplexedStream.DemultiplexAsync(source, stdout, stderr, CancellationToken.None);

        Assert.That(Encoding.UTF8.GetString(stdout.ToArray()), Is.EqualTo("out-1 out-2"));
        Assert.That(Encoding.UTF8.GetString(stderr.ToArray()), Is.EqualTo("err"));
    }

    [Test]
    public void Output_ending_inside_a_frame_is_an_error()
    {
        var frame = Frame(1, "complete payload");
        using var source = new MemoryStream(frame[..^4]);

        Assert.ThrowsAsync<EndOfStreamException>(() =>
            MultiplexedStream.DemultiplexAsync(source, Stream.Null, Stream.Null, CancellationToken.None));
    }

    [Test]
    public async Task A_character_split_across_frames_reaches_the_log_whole()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        using var source = new MemoryStream([.. Frame(1, euro[..1]), .. Frame(1, euro[1..])]);
        var log = new StringWriter();
        await using var stdout = new TextWriterStream(log);

        await MultiplexedStream.DemultiplexAsync(source, stdout, Stream.Null, CancellationToken.None);

        Assert.That(log.ToString(), Is.EqualTo("€"));
    }

    private static byte[] Frame(byte streamType, string payload) => Frame(streamType, Encoding.UTF8.GetBytes(payload));

    private static byte[] Frame(byte streamType, byte[] payload)
    {
        var header = new byte[8];
        header[0] = streamType;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
        return [.. header, .. payload];
    }
}
