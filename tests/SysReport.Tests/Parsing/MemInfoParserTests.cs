using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class MemInfoParserTests
{
    [Test]
    public void Sizes_in_kB_are_returned_in_bytes()
    {
        var memory = MemInfoParser.Parse(Fixtures.Read("meminfo.txt"));

        Assert.That(memory.TotalBytes, Is.EqualTo(24684092L * 1024));
        Assert.That(memory.AvailableBytes, Is.EqualTo(24165148L * 1024));
        Assert.That(memory.FreeBytes, Is.EqualTo(23615304L * 1024));
        Assert.That(memory.SwapTotalBytes, Is.Zero);
    }

    [Test]
    public void Old_kernels_without_MemAvailable_leave_it_unknown()
    {
        var memory = MemInfoParser.Parse("MemTotal:       1024 kB\nMemFree:         512 kB\n");

        Assert.That(memory.AvailableBytes, Is.Null);
        Assert.That(memory.FreeBytes, Is.EqualTo(512L * 1024));
    }

    [Test]
    public void Text_without_MemTotal_is_refused() =>
        Assert.That(() => MemInfoParser.Parse("MemFree: 1 kB\n"), Throws.TypeOf<FormatException>().With.Message.Contains("MemTotal"));
}
