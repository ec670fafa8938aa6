using SysReport.Parsing;

namespace SysReport.Report;

/// <summary>Share of time busy between two /proc/stat samples, in percent of the interval.</summary>
internal sealed record CpuUtilisation(double BusyPercent, double IowaitPercent, IReadOnlyList<CoreUtilisation> PerCpu)
{
    public static CpuUtilisation Between(IReadOnlyList<CpuTimes> before, IReadOnlyList<CpuTimes> after)
    {
        var earlier = before.ToDictionary(t => t.Name);
        var deltas = after
            .Where(t => earlier.ContainsKey(t.Name))
            .Select(t => (t.Name, Before: earlier[t.Name], After: t))
            .ToList();
        var total = deltas.Single(d => d.Name == "cpu");
        return new CpuUtilisation(
            Percent(total.After.Busy, total.Before.Busy, total.After.Total, total.Before.Total),
            Percent(total.After.Iowait, total.Before.Iowait, total.After.Total, total.Before.Total),
            deltas
                .Where(d => d.Name != "cpu")
                .Select(d => new CoreUtilisation(d.Name, Percent(d.After.Busy, d.Before.Busy, d.After.Total, d.Before.Total)))
                .ToList());
    }

    // A CPU taken offline and back resets its counters; an interval with no ticks says nothing.
    private static double Percent(ulong part, ulong partBefore, ulong total, ulong totalBefore)
    {
        if (total <= totalBefore || part < partBefore)
            return 0;
        return Math.Round(100.0 * (part - partBefore) / (total - totalBefore), 1);
    }
}
