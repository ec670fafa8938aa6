using System.Runtime.InteropServices;

namespace SysReport.Install;

/// <summary>The arch names of the dist layout (<c>tools/&lt;arch&gt;/bin</c>), which are the kernel's, not .NET's.</summary>
internal static class ArchNames
{
    public static string? From(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        _ => null,
    };
}
