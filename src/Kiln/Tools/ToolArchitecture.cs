namespace Kiln.Tools;

/// <summary>A target architecture of the tools build: its name in paths and keys, its GNU triple and compiler prefix.</summary>
internal sealed record ToolArchitecture(string Name, string GnuTriple, ushort ElfMachine)
{
    public static readonly ToolArchitecture X86_64 = new("x86_64", "x86_64-linux-gnu", ElfHeader.MachineX86_64);
    public static readonly ToolArchitecture Aarch64 = new("aarch64", "aarch64-linux-gnu", ElfHeader.MachineAarch64);

    public static IReadOnlyList<ToolArchitecture> All { get; } = [X86_64, Aarch64];

    /// <summary>Prefix of the binutils and gcc for this target as seen from <paramref name="hostArchitecture"/>; empty when native.</summary>
    public string ToolPrefix(string hostArchitecture) => hostArchitecture == Name ? "" : GnuTriple + "-";

    /// <summary>Parses a comma-separated list such as <c>x86_64,aarch64</c>; empty means all, in the canonical order.</summary>
    public static IReadOnlyList<ToolArchitecture> ParseList(string? list)
    {
        var names = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            return All;

        var unknown = names.Where(n => All.All(a => a.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException(
                $"Unknown architecture {string.Join(", ", unknown.Select(n => $"'{n}'"))}; allowed values: {string.Join(", ", All.Select(a => a.Name))}");
        return All.Where(a => names.Contains(a.Name)).ToList();
    }

    /// <summary>The architecture of this machine in the same naming, e.g. for choosing native or cross compilers.</summary>
    public static string HostName => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => X86_64.Name,
        System.Runtime.InteropServices.Architecture.Arm64 => Aarch64.Name,
        var other => other.ToString().ToLowerInvariant(),
    };

    public override string ToString() => Name;
}
