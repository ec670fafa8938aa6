using System.Text.Json;

namespace SysReport.Parsing;

/// <summary>Parses the read side of the first job of <c>fio --output-format=json</c>.</summary>
internal static class FioJsonParser
{
    public static FioResult Parse(string text)
    {
        // fio prints notes such as "note: both iodepth >= 1 and synchronous I/O engine..." before the JSON.
        var start = text.IndexOf('{');
        if (start < 0)
            throw new FormatException("no JSON object in fio output");

        using var document = JsonDocument.Parse(text.AsMemory(start));
        var job = Property(document.RootElement, "jobs").EnumerateArray().FirstOrDefault();
        if (job.ValueKind != JsonValueKind.Object)
            throw new FormatException("fio output has no job");
        if (Property(job, "error").GetInt32() is var error and not 0)
            throw new FormatException($"fio job failed with error {error}");

        var read = Property(job, "read");
        var engine = job.TryGetProperty("job options", out var options) && options.TryGetProperty("ioengine", out var ioengine)
            ? ioengine.GetString() ?? "unknown"
            : "unknown";
        double? p99 = read.TryGetProperty("clat_ns", out var clat)
                      && clat.TryGetProperty("percentile", out var percentiles)
                      && percentiles.TryGetProperty("99.000000", out var nanoseconds)
            ? Math.Round(nanoseconds.GetDouble() / 1000, 1)
            : null;
        return new FioResult(engine, Math.Round(Property(read, "iops").GetDouble(), 1), Property(read, "bw_bytes").GetInt64(), p99);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"fio output has no \"{name}\"");
}
