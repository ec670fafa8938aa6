using System.Text.Json;

namespace Kiln.Tools.Building;

/// <summary>
/// <c>part.json</c> inside a built part (<c>.build/parts/&lt;arch&gt;/&lt;tool&gt;/</c>), and so inside its cache entry:
/// what compiled it, so that a tools directory assembled from cached parts names the toolchain as a fresh build does, and
/// the sandbox work directory it was compiled in, which <see cref="ToolPartOutput"/> sets aside.
/// </summary>
internal sealed record ToolPartInfo(string Tool, string Version, string Toolchain, string WorkDirectory)
{
    public const string FileName = "part.json";

    public void Write(string partDirectory) =>
        File.WriteAllText(Path.Combine(partDirectory, FileName), JsonSerializer.Serialize(this));

    public static ToolPartInfo Read(string partDirectory)
    {
        var file = Path.Combine(partDirectory, FileName);
        try
        {
            return JsonSerializer.Deserialize<ToolPartInfo>(File.ReadAllText(file)) ?? throw new InvalidDataException($"{file} is empty");
        }
        catch (Exception exception) when (exception is JsonException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{file} is missing or unreadable: {exception.Message}", exception);
        }
    }
}
