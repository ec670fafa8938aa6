using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kiln.Caching;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tools.Executors;

/// <summary>
/// The toolchain description of each arch, remembered in a small JSON file against the <see cref="ToolchainStamp"/>
/// it was probed under, so that a warm build starts no probe process. An entry is trusted under
/// <see cref="StatCache"/>'s rule: the stamp is identical and every file in it is older than the moment the entry was
/// recorded, less <see cref="StatCache.RacyMarginNs"/> (a file rewritten in the tick it was stated keeps its status).
/// A missing, unreadable, corrupt or foreign file is an empty memo; it is rewritten after the next probe.
/// </summary>
internal sealed class ToolchainMemo(string file)
{
    // 2: the description lists the installed packages, not only the C library's version.
    private const int Format = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // A document missing a member, or with a null one, is corrupt rather than half a memo.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public string Location => file;

    /// <summary>The description recorded under a stamp equal to <paramref name="current"/>, if the racy rule trusts it.</summary>
    public bool TryGet(string arch, ToolchainStamp current, [NotNullWhen(true)] out string? toolchain)
    {
        toolchain = Load().GetValueOrDefault(arch) is { } entry
            && current.SameAs(entry.Stamp)
            && current.NewestModifiedNs < entry.RecordedAtNs - StatCache.RacyMarginNs
                ? entry.Toolchain
                : null;
        return toolchain is not null;
    }

    /// <summary>Records a description probed after <paramref name="stamp"/> was read, which was at <paramref name="recordedAtNs"/> or later.</summary>
    public void Record(string arch, ToolchainStamp stamp, long recordedAtNs, string toolchain)
    {
        // Loaded again, not kept from TryGet: the file holds the other arch's entry too.
        var entries = Load();
        entries[arch] = new Entry(recordedAtNs, stamp.Lines, toolchain);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        DurableFile.WriteAllText(file, JsonSerializer.Serialize(new Document(Format, entries), Json) + "\n");
    }

    private Dictionary<string, Entry> Load()
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(file), Json);
            return document?.Format == Format ? document.Arches : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    private sealed record Document(int Format, Dictionary<string, Entry> Arches);

    private sealed record Entry(long RecordedAtNs, IReadOnlyList<string> Stamp, string Toolchain);
}
