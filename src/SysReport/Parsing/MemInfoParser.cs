using System.Globalization;

namespace SysReport.Parsing;

internal static class MemInfoParser
{
    public static MemInfo Parse(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                continue;
            // Sizes are in kB (the kernel means KiB); counters such as HugePages_Total have no unit.
            values[line[..colon]] = parts.Length > 1 && parts[1] == "kB" ? value * 1024 : value;
        }

        if (!values.TryGetValue("MemTotal", out var total))
            throw new FormatException("no MemTotal line");
        return new MemInfo(
            total,
            values.TryGetValue("MemAvailable", out var available) ? available : null,
            values.GetValueOrDefault("MemFree"),
            values.GetValueOrDefault("SwapTotal"),
            values.GetValueOrDefault("SwapFree"));
    }
}
