using SysReport.Report;

namespace SysReport.Rendering;

internal static class TextToolsRenderer
{
    public static void Render(ToolsReport report, TextWriter output)
    {
        output.WriteLine($"sysreport {report.Version} ({report.Commit[..Math.Min(12, report.Commit.Length)]}), tools for {report.ManifestArch} in {report.Root}");
        if (report.ManifestArch != report.MachineArch)
            output.WriteLine($"warning: this release is for {report.ManifestArch} but this machine is {report.MachineArch}");
        output.WriteLine();
        var rows = report.Tools
            .Select(t => (Name: t.Name, Version: t.Version, Licence: t.Licence, Binaries: string.Join(", ", t.Binaries.Select(Describe))))
            .Prepend((Name: "TOOL", Version: "VERSION", Licence: "LICENCE", Binaries: "BINARIES"))
            .ToList();
        var nameWidth = rows.Max(r => r.Name.Length);
        var versionWidth = rows.Max(r => r.Version.Length);
        var licenceWidth = rows.Max(r => r.Licence.Length);
        foreach (var row in rows)
            output.WriteLine($"{row.Name.PadRight(nameWidth)}  {row.Version.PadRight(versionWidth)}  {row.Licence.PadRight(licenceWidth)}  {row.Binaries}");
    }

    private static string Describe(BinaryStatus binary) => binary.Present ? binary.Name : $"{binary.Name} MISSING, expected at {binary.Path}";
}
