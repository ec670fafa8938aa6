using System.Runtime.InteropServices;

namespace SysReport.Install;

/// <summary>Where an unpacked release keeps its parts: the app in <c>app/</c>, the tools in <c>tools/&lt;arch&gt;/bin</c>,
/// the manifest at the root.</summary>
internal sealed record InstallLayout(string Root, string Arch)
{
    public const string HomeVariable = "SYSREPORT_HOME";

    public string ManifestPath => Path.Combine(Root, "manifest.json");

    public string ToolPath(string binary) => Path.Combine(Root, "tools", Arch, "bin", binary);

    /// <summary>The PCI ID database the release ships, which lspci reads instead of the machine's (often absent) one.</summary>
    public string PciIdsPath => DataPath("pci.ids");

    public string DataPath(string file) => Path.Combine(Root, file);

    /// <summary>The root is the parent of the app's own folder unless <c>SYSREPORT_HOME</c> names another.</summary>
    public static InstallLayout Discover(string? home, string appDirectory, Architecture architecture)
    {
        var root = string.IsNullOrEmpty(home)
            ? Path.GetFullPath(Path.Combine(appDirectory, ".."))
            : Path.GetFullPath(home);
        // Releases exist for x86_64 and aarch64 only; elsewhere every tool is reported missing at a path that names the arch.
        return new InstallLayout(root, ArchNames.From(architecture) ?? architecture.ToString().ToLowerInvariant());
    }

    public string RequireTool(string binary)
    {
        var path = ToolPath(binary);
        return File.Exists(path) ? path : throw new ToolNotFoundException(binary, path);
    }
}
