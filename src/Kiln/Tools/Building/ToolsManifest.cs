using System.Text.Json;
using System.Text.Json.Serialization;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Building;

/// <summary>
/// <c>.build/tools/&lt;arch&gt;/tools.json</c>: what one architecture's tools build produced and from which pinned sources.
/// It is written last, inside the staging directory, so a tools directory that has it is complete.
/// </summary>
internal sealed record ToolsManifest(string Arch, int RecipeFormat, string Executor, string Toolchain, IReadOnlyList<BuiltTool> Tools)
{
    public const string FileName = "tools.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ToolsManifest Read(string file) =>
        JsonSerializer.Deserialize<ToolsManifest>(File.ReadAllText(file), Options)
        ?? throw new InvalidDataException($"{file}: empty tools manifest");

    /// <summary>Writes to a temporary file, flushes it to disk and renames it, so readers never see half a manifest.</summary>
    public void Write(string file)
    {
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, this, Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
    }
}

internal sealed record BuiltTool(
    string Name,
    ToolKind Kind,
    string Version,
    string SourcePackage,
    string DscSha256,
    string Licence,
    IReadOnlyList<BuiltBinary> Binaries);

/// <summary>A shipped binary; <see cref="Path"/> is relative to the architecture's tools directory.</summary>
internal sealed record BuiltBinary(string Name, string Path, string Sha256, long Size);
