using System.Text.Json;
using SysReport.Rendering;

namespace SysReport.Install;

internal static class DistManifestReader
{
    public static DistManifest Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: not found (is this an unpacked sysreport release? set {InstallLayout.HomeVariable} to its folder)");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, SysReportJsonContext.Default.DistManifest)
                   ?? throw new InvalidDataException($"{path}: the manifest is null");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at {e.Path} (line {e.LineNumber + 1})";
            throw new InvalidDataException($"{path}{where}: {e.Message}", e);
        }
    }
}
