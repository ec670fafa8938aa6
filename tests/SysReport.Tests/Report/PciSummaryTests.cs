using SysReport.Parsing;
using SysReport.Report;
using SysReport.Tests.Support;

namespace SysReport.Tests.Report;

public class PciSummaryTests
{
    [Test]
    public void Classes_are_counted_most_frequent_first()
    {
        var summary = PciSummary.From(LspciParser.Parse(Fixtures.Read("lspci-mm-server.txt")));

        Assert.That(summary.Classes.Take(3), Is.EqualTo(new[]
        {
            new PciClassCount("Ethernet controller", 2),
            new PciClassCount("Non-Volatile memory controller", 2),
            new PciClassCount("System peripheral", 2),
        }));
        Assert.That(summary.Classes.Sum(c => c.Count), Is.EqualTo(summary.Devices.Count));
    }
}
