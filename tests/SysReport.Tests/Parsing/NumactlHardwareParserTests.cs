using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class NumactlHardwareParserTests
{
    [Test]
    public void A_single_node_machine_has_one_node_with_all_cpus()
    {
        var numa = NumactlHardwareParser.Parse(Fixtures.Read("numactl-hardware-1node.txt"));

        Assert.That(numa.Nodes, Has.Count.EqualTo(1));
        Assert.That(numa.Nodes[0].Cpus, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(numa.Nodes[0].SizeMiB, Is.EqualTo(5722));
        Assert.That(numa.Distances, Is.EqualTo(new[] { new[] { 10 } }));
    }

    [Test]
    public void A_two_socket_machine_has_two_nodes_with_sizes_and_distances()
    {
        var numa = NumactlHardwareParser.Parse(Fixtures.Read("numactl-hardware-2node.txt"));

        Assert.That(numa.Nodes.Select(n => n.Id), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(numa.Nodes[1].Cpus, Has.Count.EqualTo(32).And.Contains(63));
        Assert.That(numa.Nodes[1].FreeMiB, Is.EqualTo(125876));
        Assert.That(numa.Distances, Is.EqualTo(new[] { new[] { 10, 21 }, new[] { 21, 10 } }));
    }

    [Test]
    public void A_kernel_without_numa_gives_no_nodes() =>
        Assert.That(NumactlHardwareParser.Parse(Fixtures.Read("numactl-no-numa.txt")).Nodes, Is.Empty);

    [Test]
    public void Output_without_node_lines_is_refused() =>
        Assert.That(() => NumactlHardwareParser.Parse("numactl: unknown option\n"), Throws.TypeOf<FormatException>());
}
