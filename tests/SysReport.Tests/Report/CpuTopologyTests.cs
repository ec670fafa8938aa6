using SysReport.Parsing;
using SysReport.Report;

namespace SysReport.Tests.Report;

public class CpuTopologyTests
{
    [Test]
    public void Hyperthreads_share_a_core_and_core_ids_restart_in_each_socket()
    {
        var placements = new[]
        {
            new CpuPlacement(0, 0, 0), new CpuPlacement(1, 0, 1), new CpuPlacement(2, 1, 0), new CpuPlacement(3, 1, 1),
            new CpuPlacement(4, 0, 0), new CpuPlacement(5, 0, 1), new CpuPlacement(6, 1, 0), new CpuPlacement(7, 1, 1),
        };

        Assert.That(CpuTopology.From(placements), Is.EqualTo(new CpuTopology(Sockets: 2, Cores: 4, Threads: 8)));
    }
}
