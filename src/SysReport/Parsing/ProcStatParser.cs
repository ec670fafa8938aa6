using System.Globalization;

namespace SysReport.Parsing;

internal static class ProcStatParser
{
    /// <summary>The aggregate "cpu" line first, then one per logical CPU in file order.</summary>
    public static IReadOnlyList<CpuTimes> Parse(string text)
    {
        var cpus = new List<CpuTimes>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
                continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Kernels before 2.6.11 have no steal column; treat missing columns as zero.
            ulong Column(int index) =>
                index < fields.Length ? ulong.Parse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            if (fields.Length < 5)
                throw new FormatException($"too few columns in \"{line.Trim()}\"");
            cpus.Add(new CpuTimes(fields[0], Column(1), Column(2), Column(3), Column(4), Column(5), Column(6), Column(7), Column(8)));
        }

        if (cpus.Count == 0 || cpus[0].Name != "cpu")
            throw new FormatException("no aggregate \"cpu\" line");
        return cpus;
    }
}
