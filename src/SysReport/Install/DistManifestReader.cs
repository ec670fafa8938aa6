using System.Text.Json;
using System.Text.RegularExpressions;

namespace SysReport.Install;

internal static partial class DistManifestReader
{
    public static DistManifest Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: not found (is this an unpacked sysreport release? set {InstallLayout.HomeVariable} to its folder)");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, DistManifestJsonContext.Default.DistManifest)
                   ?? throw new InvalidDataException($"{path}: the manifest is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Path ?? "$"}: {Reason(e.Message)} (line {e.LineNumber + 1})", e);
        }
    }

    // The serializer's messages name .NET types and nullability annotations; a user needs the field and what is wrong with it.
    private static string Reason(string message)
    {
        if (MissingRequired().Match(message) is { Success: true } missing)
            return $"missing required field {missing.Groups[1].Value}";
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("doesn't allow null", StringComparison.Ordinal))
            return "the value is null or of the wrong type";
        var location = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return location < 0 ? message : message[..location];
    }

    [GeneratedRegex("missing required properties including: (.+)\\.$")]
    private static partial Regex MissingRequired();
}
