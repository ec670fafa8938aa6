using System.Globalization;

namespace SysReport.Rendering;

internal static class Units
{
    private static readonly string[] BinaryPrefixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Bytes(double bytes)
    {
        var unit = 0;
        while (bytes >= 1024 && unit < BinaryPrefixes.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes:0} B" : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {BinaryPrefixes[unit]}");
    }

    /// <summary>The kernel's cpulist notation: 0-15,32-47.</summary>
    public static string CpuList(IReadOnlyList<int> cpus)
    {
        var ranges = new List<string>();
        var sorted = cpus.Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var end = i;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
                end++;
            ranges.Add(end == i ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[end]}");
            i = end + 1;
        }

        return string.Join(',', ranges);
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
