using SysReport.Parsing;

namespace SysReport.Report;

internal sealed record PciSummary(IReadOnlyList<PciClassCount> Classes, IReadOnlyList<PciDevice> Devices)
{
    public static PciSummary From(IReadOnlyList<PciDevice> devices) =>
        new(
            devices
                .GroupBy(d => d.Class)
                .Select(g => new PciClassCount(g.Key, g.Count()))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Class, StringComparer.Ordinal)
                .ToList(),
            devices);
}
