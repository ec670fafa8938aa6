using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class LspciParserTests
{
    [Test]
    public void Each_line_gives_slot_class_vendor_and_device()
    {
        var devices = LspciParser.Parse(Fixtures.Read("lspci-mm-virtio.txt"));

        Assert.That(devices, Has.Count.EqualTo(6));
        Assert.That(devices[3], Is.EqualTo(new PciDevice("00:03.0", "Ethernet controller", "Red Hat, Inc.", "Virtio 1.0 network device")));
    }

    [Test]
    public void Options_between_quoted_fields_and_brackets_inside_them_are_handled()
    {
        var devices = LspciParser.Parse(Fixtures.Read("lspci-mm-server.txt"));

        var sata = devices.Single(d => d.Slot == "00:11.5");
        Assert.That(sata.Device, Is.EqualTo("C620 Series Chipset Family SSATA Controller [AHCI mode]"));
        Assert.That(devices.Count(d => d.Class == "Non-Volatile memory controller"), Is.EqualTo(2));
    }

    [Test]
    public void The_plain_lspci_format_is_refused_with_the_line() =>
        Assert.That(
            () => LspciParser.Parse("00:00.0 Host bridge: Intel Corporation Device 0d57\n"),
            Throws.TypeOf<FormatException>().With.Message.Contains("00:00.0 Host bridge"));
}
