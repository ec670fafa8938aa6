using System.Globalization;

namespace SysReport.Parsing;

internal static class CpuFrequencyParser
{
    /// <summary>cpufreq's scaling_cur_freq is in kHz.</summary>
    public static double ParseScalingCurFreqMhz(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var khz)
            ? khz / 1000.0
            : throw new FormatException($"scaling_cur_freq is not a number of kHz: \"{text.Trim()}\"");
}
