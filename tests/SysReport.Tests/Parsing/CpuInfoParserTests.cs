using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class CpuInfoParserTests
{
    [Test]
    public void X86_cpuinfo_gives_one_entry_per_processor_with_model_and_placement()
    {
        var entries = CpuInfoParser.Parse(Fixtures.Read("cpuinfo-x86_64.txt"));

        Assert.That(entries.Select(e => e.Processor), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(entries[0].ModelName, Is.EqualTo("AMD EPYC"));
        Assert.That(entries[0].Vendor, Is.EqualTo("AuthenticAMD"));
        Assert.That(entries[0].Mhz, Is.EqualTo(2596.122).Within(0.001));
        Assert.That(entries[1].PhysicalId, Is.EqualTo(0));
        Assert.That(entries[1].CoreId, Is.EqualTo(1));
    }

    [Test]
    public void Aarch64_cpuinfo_has_no_model_name_but_implementer_and_part()
    {
        var entries = CpuInfoParser.Parse(Fixtures.Read("cpuinfo-aarch64.txt"));

        Assert.That(entries, Has.Count.EqualTo(4));
        Assert.That(entries[0].ModelName, Is.Null);
        Assert.That(entries[0].Implementer, Is.EqualTo("0x41"));
        Assert.That(entries[0].Part, Is.EqualTo("0xd0c"));
        Assert.That(entries[0].Mhz, Is.Null);
    }

    [Test]
    public void A_trailing_block_without_processor_index_is_not_a_cpu()
    {
        var text = "processor\t: 0\nCPU implementer\t: 0x41\n\nHardware\t: BCM2835\nSerial\t\t: 0000\n";

        var entries = CpuInfoParser.Parse(text);

        Assert.That(entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Text_without_any_processor_block_is_refused()
    {
        Assert.That(() => CpuInfoParser.Parse("Hardware : something\n"), Throws.TypeOf<FormatException>().With.Message.Contains("processor"));
    }
}
