using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class EthtoolParserTests
{
    [Test]
    public void A_physical_link_gives_speed_duplex_port_and_state()
    {
        var link = EthtoolParser.Parse(Fixtures.Read("ethtool-25g-nonroot.txt"));

        Assert.That(link, Is.EqualTo(new LinkSettings(25000, "Full", true, "Direct Attach Copper")));
    }

    [Test]
    public void A_virtio_link_has_unknown_speed_and_duplex_but_is_up()
    {
        var link = EthtoolParser.Parse(Fixtures.Read("ethtool-virtio.txt"));

        Assert.That(link, Is.EqualTo(new LinkSettings(null, null, true, "Other")));
    }

    [Test]
    public void A_cable_unplugged_shows_link_down() =>
        Assert.That(EthtoolParser.Parse(Fixtures.Read("ethtool-down.txt")).LinkDetected, Is.False);

    [Test]
    public void Output_without_settings_header_is_refused() =>
        Assert.That(() => EthtoolParser.Parse("No data available\n"), Throws.TypeOf<FormatException>());
}
