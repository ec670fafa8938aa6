using SysReport.Parsing;
using SysReport.Report;

namespace SysReport.Probes;

internal static class UtilisationProbe
{
    public static IReadOnlyList<CpuTimes> Sample(SystemPaths paths) =>
        Parsed.From(paths.Stat, File.ReadAllText(paths.Stat), ProcStatParser.Parse);

    public static async Task<CpuUtilisation> MeasureAsync(SystemPaths paths, TimeSpan interval, CancellationToken cancellation)
    {
        var before = Sample(paths);
        await Task.Delay(interval, cancellation);
        return CpuUtilisation.Between(before, Sample(paths));
    }
}
