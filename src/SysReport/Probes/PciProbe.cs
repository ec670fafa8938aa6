using SysReport.Install;
using SysReport.Parsing;
using SysReport.Report;
using SysReport.Running;

namespace SysReport.Probes;

internal static class PciProbe
{
    public static async Task<PciSummary> ReadAsync(InstallLayout layout, TimeSpan timeout, CancellationToken cancellation)
    {
        var lspci = layout.RequireTool("lspci");
        // Without a database lspci prints "Class 0200: Device 8086:1521"; a bare server often has none in /usr/share/misc.
        string[] arguments = File.Exists(layout.PciIdsPath) ? ["-mm", "-i", layout.PciIdsPath] : ["-mm"];
        var result = await ToolRunner.RunAsync(lspci, arguments, timeout, cancellation);
        if (!result.Succeeded)
            throw new ToolFailedException($"lspci -mm exited with {result.ExitCode}: {result.Stderr.Trim()}");
        return PciSummary.From(Parsed.From("the output of lspci -mm", result.Stdout, LspciParser.Parse));
    }
}
