namespace SysReport.Parsing;

/// <summary>No nodes means the kernel or machine has no NUMA support.</summary>
internal sealed record NumaTopology(IReadOnlyList<NumaNode> Nodes, IReadOnlyList<IReadOnlyList<int>> Distances);
