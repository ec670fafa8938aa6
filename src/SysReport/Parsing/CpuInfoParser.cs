using System.Globalization;

namespace SysReport.Parsing;

internal static class CpuInfoParser
{
    public static IReadOnlyList<CpuInfoEntry> Parse(string text)
    {
        var entries = new List<CpuInfoEntry>();
        // Ordinal keys: 32-bit ARM kernels print both "Processor" (a model name) and "processor" (an index).
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                AddEntry(fields, entries);
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        AddEntry(fields, entries);
        if (entries.Count == 0)
            throw new FormatException("no \"processor\" block found");
        return entries;
    }

    // Blocks without a processor index (the trailing "Hardware"/"Serial" block of some arm kernels) are not CPUs.
    private static void AddEntry(Dictionary<string, string> fields, List<CpuInfoEntry> entries)
    {
        if (fields.Count == 0)
            return;
        if (Int(fields, "processor") is { } processor)
        {
            entries.Add(new CpuInfoEntry(
                processor,
                Text(fields, "model name"),
                Text(fields, "vendor_id"),
                Number(fields, "cpu MHz"),
                Int(fields, "physical id"),
                Int(fields, "core id"),
                Text(fields, "CPU implementer"),
                Text(fields, "CPU part")));
        }

        fields.Clear();
    }

    private static string? Text(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static int? Int(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static double? Number(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
