namespace SysReport.Parsing;

/// <summary>Names for the arm64 implementer/part codes of /proc/cpuinfo, which has no "model name" on arm64.
/// The common server cores only; the rest are shown by their codes.</summary>
internal static class ArmCpuNames
{
    private static readonly Dictionary<string, string> Implementers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["0x41"] = "ARM",
        ["0x46"] = "Fujitsu",
        ["0x48"] = "HiSilicon",
        ["0x4e"] = "NVIDIA",
        ["0x51"] = "Qualcomm",
        ["0x61"] = "Apple",
        ["0xc0"] = "Ampere",
    };

    private static readonly Dictionary<(string Implementer, string Part), string> Parts = new()
    {
        [("0x41", "0xd03")] = "Cortex-A53",
        [("0x41", "0xd07")] = "Cortex-A57",
        [("0x41", "0xd08")] = "Cortex-A72",
        [("0x41", "0xd0b")] = "Cortex-A76",
        [("0x41", "0xd0c")] = "Neoverse-N1",
        [("0x41", "0xd40")] = "Neoverse-V1",
        [("0x41", "0xd49")] = "Neoverse-N2",
        [("0x41", "0xd4f")] = "Neoverse-V2",
        [("0x41", "0xd8e")] = "Neoverse-N3",
        [("0x48", "0xd01")] = "Kunpeng-920",
        [("0xc0", "0xac3")] = "Ampere-1",
        [("0xc0", "0xac4")] = "Ampere-1a",
    };

    public static string Describe(string? implementer, string? part)
    {
        if (implementer is null)
            return "unknown";
        var key = (implementer.ToLowerInvariant(), part?.ToLowerInvariant() ?? "");
        var vendor = Implementers.GetValueOrDefault(implementer.ToLowerInvariant(), $"implementer {implementer}");
        return Parts.TryGetValue(key, out var name) ? $"{vendor} {name}" : $"{vendor} part {part ?? "unknown"}";
    }
}
