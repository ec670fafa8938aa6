using SysReport.Probes;
using SysReport.Tests.Support;

namespace SysReport.Tests.Probes;

public class CpuProbeTests
{
    [Test]
    public void Arm64_cpus_are_named_from_their_part_and_counted_from_sysfs()
    {
        using var system = new FakeSystem().WithProc("cpuinfo", Fixtures.Read("cpuinfo-aarch64.txt"));
        for (var cpu = 0; cpu < 4; cpu++)
            system.WithCpu(cpu, package: 0, core: cpu);

        var summary = CpuProbe.Read(system.Paths);

        Assert.That(summary.Model, Is.EqualTo("ARM Neoverse-N1"));
        Assert.That((summary.Sockets, summary.Cores, summary.Threads), Is.EqualTo((1, 4, 4)));
        Assert.That(summary.Mhz, Is.Null);
        Assert.That(summary.TopologySource, Is.EqualTo("sysfs"));
    }

    [Test]
    public void Without_sysfs_x86_topology_comes_from_cpuinfo()
    {
        using var system = new FakeSystem().WithProc("cpuinfo", Fixtures.Read("cpuinfo-x86_64.txt"));

        var summary = CpuProbe.Read(system.Paths);

        Assert.That((summary.Sockets, summary.Cores, summary.Threads), Is.EqualTo((1, 2, 2)));
        Assert.That(summary.Mhz, Is.EqualTo(2596));
        Assert.That(summary.TopologySource, Is.EqualTo("cpuinfo"));
    }

    [Test]
    public void Sysfs_placement_wins_over_cpuinfo_to_see_hyperthreads()
    {
        using var system = new FakeSystem()
            .WithProc("cpuinfo", Fixtures.Read("cpuinfo-x86_64.txt"))
            .WithCpu(0, package: 0, core: 0)
            .WithCpu(1, package: 0, core: 0);

        var summary = CpuProbe.Read(system.Paths);

        Assert.That((summary.Cores, summary.Threads), Is.EqualTo((1, 2)));
    }
}
