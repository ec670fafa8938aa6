using SysReport.Parsing;

namespace SysReport.Report;

internal sealed record CpuTopology(int Sockets, int Cores, int Threads)
{
    // Core ids restart in every socket, so a physical core is a (package, core) pair.
    public static CpuTopology From(IReadOnlyCollection<CpuPlacement> placements) =>
        new(
            placements.Select(p => p.Package).Distinct().Count(),
            placements.Select(p => (p.Package, p.Core)).Distinct().Count(),
            placements.Count);
}
