using SysReport.Parsing;
using SysReport.Probes;
using SysReport.Report;
using SysReport.Tests.Support;

namespace SysReport.Tests.Probes;

public class NetworkProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Every_interface_but_lo_is_read_with_ethtool()
    {
        using var install = new FakeInstall().WithToolPrinting("ethtool", "ethtool-virtio.txt");
        using var system = new FakeSystem().WithNetworkInterfaces("lo", "eth1", "eth0");
        var problems = new List<string>();

        var interfaces = await NetworkProbe.ReadAsync(install.Layout, system.Paths, Timeout, problems.Add, CancellationToken.None);

        Assert.That(interfaces.Select(i => i.Name), Is.EqualTo(new[] { "eth0", "eth1" }));
        Assert.That(interfaces[0].Link, Is.EqualTo(new LinkSettings(null, null, true, "Other")));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_reading_refused_to_a_non_root_user_keeps_the_link_and_says_root_is_needed()
    {
        var stderr = Fixtures.PathOf("ethtool-25g-nonroot.stderr.txt");
        using var install = new FakeInstall().WithTool("ethtool", $"cat '{Fixtures.PathOf("ethtool-25g-nonroot.txt")}'\ncat '{stderr}' >&2\nexit 75");
        using var system = new FakeSystem().WithNetworkInterfaces("ens1f0np0");
        var problems = new List<string>();

        var interfaces = await NetworkProbe.ReadAsync(install.Layout, system.Paths, Timeout, problems.Add, CancellationToken.None);

        Assert.That(interfaces.Single().Link?.SpeedMbps, Is.EqualTo(25000));
        Assert.That(problems, Is.EqualTo(new[] { "ens1f0np0: some ethtool readings need root (netlink error: Operation not permitted)" }));
    }

    [Test]
    public async Task A_virtual_interface_without_link_settings_is_listed_without_a_problem()
    {
        using var install = new FakeInstall().WithTool("ethtool", "echo 'No data available'\nexit 75");
        using var system = new FakeSystem().WithNetworkInterfaces("ifb0");
        var problems = new List<string>();

        var interfaces = await NetworkProbe.ReadAsync(install.Layout, system.Paths, Timeout, problems.Add, CancellationToken.None);

        Assert.That(interfaces, Is.EqualTo(new[] { new NetworkInterfaceReport("ifb0", null) }));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task An_interface_ethtool_fails_on_is_kept_and_explained()
    {
        using var install = new FakeInstall().WithTool("ethtool", "echo 'Cannot get device settings: No such device' >&2\nexit 1");
        using var system = new FakeSystem().WithNetworkInterfaces("eth9");
        var problems = new List<string>();

        var interfaces = await NetworkProbe.ReadAsync(install.Layout, system.Paths, Timeout, problems.Add, CancellationToken.None);

        Assert.That(interfaces, Is.EqualTo(new[] { new NetworkInterfaceReport("eth9", null) }));
        Assert.That(problems, Is.EqualTo(new[] { "eth9: ethtool exited with 1: Cannot get device settings: No such device" }));
    }
}
