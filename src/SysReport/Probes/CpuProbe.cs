using System.Globalization;
using SysReport.Parsing;
using SysReport.Report;

namespace SysReport.Probes;

internal static class CpuProbe
{
    public static CpuSummary Read(SystemPaths paths)
    {
        var entries = Parsed.From(paths.CpuInfo, File.ReadAllText(paths.CpuInfo), CpuInfoParser.Parse);
        var first = entries[0];
        var model = first.ModelName ?? ArmCpuNames.Describe(first.Implementer, first.Part);
        var mhz = entries.Where(e => e.Mhz is not null).Select(e => e.Mhz!.Value).DefaultIfEmpty().Average();

        var (placements, source) = SysfsPlacements(paths) is { Count: > 0 } fromSysfs
            ? (fromSysfs, "sysfs")
            : (CpuInfoPlacements(entries), "cpuinfo");
        var topology = CpuTopology.From(placements);
        return new CpuSummary(model, topology.Sockets, topology.Cores, topology.Threads, mhz > 0 ? Math.Round(mhz) : null, source);
    }

    private static List<CpuPlacement> SysfsPlacements(SystemPaths paths)
    {
        if (!Directory.Exists(paths.CpuDevices))
            return [];
        var placements = new List<CpuPlacement>();
        foreach (var directory in Directory.EnumerateDirectories(paths.CpuDevices, "cpu*"))
        {
            var name = Path.GetFileName(directory);
            var topology = Path.Combine(directory, "topology");
            if (!int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var cpu) || !Directory.Exists(topology))
                continue;
            placements.Add(new CpuPlacement(
                cpu,
                ReadInt(Path.Combine(topology, "physical_package_id")),
                ReadInt(Path.Combine(topology, "core_id"))));
        }

        return placements;
    }

    // Without sysfs, x86 cpuinfo still names socket and core; arm64 cpuinfo does not, so each CPU counts as a core.
    private static List<CpuPlacement> CpuInfoPlacements(IReadOnlyList<CpuInfoEntry> entries) =>
        entries.Select(e => new CpuPlacement(e.Processor, e.PhysicalId ?? 0, e.CoreId ?? e.Processor)).ToList();

    private static int ReadInt(string path) =>
        int.Parse(File.ReadAllText(path).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
