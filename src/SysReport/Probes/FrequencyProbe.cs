using SysReport.Parsing;
using SysReport.Report;

namespace SysReport.Probes;

internal static class FrequencyProbe
{
    /// <summary>cpufreq when the kernel exposes it (bare metal), else the "cpu MHz" of cpuinfo (x86 VMs);
    /// null on machines with neither, such as most arm64 VMs.</summary>
    public static FrequencyReading? Read(SystemPaths paths)
    {
        var scaling = Directory.Exists(paths.CpuDevices)
            ? Directory.EnumerateDirectories(paths.CpuDevices, "cpu*")
                .Select(d => Path.Combine(d, "cpufreq", "scaling_cur_freq"))
                .Where(File.Exists)
                .Select(f => CpuFrequencyParser.ParseScalingCurFreqMhz(File.ReadAllText(f)))
                .ToList()
            : [];
        if (scaling.Count > 0)
            return Summarise(scaling, "cpufreq");

        var fromCpuInfo = CpuInfoParser.Parse(File.ReadAllText(paths.CpuInfo))
            .Where(e => e.Mhz is not null)
            .Select(e => e.Mhz!.Value)
            .ToList();
        return fromCpuInfo.Count > 0 ? Summarise(fromCpuInfo, "cpuinfo") : null;
    }

    private static FrequencyReading Summarise(List<double> mhz, string source) =>
        new(Math.Round(mhz.Average()), Math.Round(mhz.Min()), Math.Round(mhz.Max()), source);
}
