using SysReport.Parsing;

namespace SysReport.Tests.Parsing;

public class ArmCpuNamesTests
{
    [Test]
    public void A_known_part_is_named_with_its_vendor() =>
        Assert.That(ArmCpuNames.Describe("0x41", "0xd0c"), Is.EqualTo("ARM Neoverse-N1"));

    [Test]
    public void An_unknown_part_of_a_known_vendor_shows_the_part_code() =>
        Assert.That(ArmCpuNames.Describe("0x41", "0xfff"), Is.EqualTo("ARM part 0xfff"));

    [Test]
    public void An_unknown_vendor_shows_both_codes() =>
        Assert.That(ArmCpuNames.Describe("0x99", "0x001"), Is.EqualTo("implementer 0x99 part 0x001"));
}
