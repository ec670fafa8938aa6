using System.Text;
using Kiln.Docker;

namespace Kiln.Tests.Docker;

public sealed class TextWriterStreamTests
{
    [Test]
    public async Task A_character_split_across_two_writes_reaches_the_log_whole()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        var log = new StringWriter();
        await using var stream = new TextWriterStream(log);

        await stream.WriteAsync(euro.AsMemory(0, 1));
        await stream.WriteAsync(euro.AsMemory(1));

        Assert.That(log.ToString(), Is.EqualTo("€"));
    }
}
