using SysReport.Install;

namespace SysReport.Report;

/// <summary>What <c>--tools</c> shows: the manifest's tools and whether each binary is where this machine's arch expects it.</summary>
internal sealed record ToolsReport(string Root, string ManifestArch, string MachineArch, string Version, string Commit, IReadOnlyList<ToolStatus> Tools)
{
    public bool Complete => ManifestArch == MachineArch && Tools.All(t => t.Complete);

    public static ToolsReport From(InstallLayout layout, DistManifest manifest) =>
        new(
            layout.Root,
            manifest.Arch,
            layout.Arch,
            manifest.Version,
            manifest.Commit,
            manifest.Tools
                .Select(t => new ToolStatus(
                    t.Name,
                    t.Version,
                    t.SourcePackage,
                    t.Licence,
                    t.Binaries.Select(b => new BinaryStatus(b, layout.ToolPath(b), File.Exists(layout.ToolPath(b)))).ToList()))
                .Concat((manifest.Data ?? []).Select(d => new ToolStatus(
                    d.Name,
                    d.Version,
                    d.SourcePackage,
                    d.Licence,
                    [new BinaryStatus(d.File, layout.DataPath(d.File), File.Exists(layout.DataPath(d.File)))])))
                .ToList());
}
