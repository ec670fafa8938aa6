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
        var result = await ToolRunner.RunAsync(lspci, ["-mm"], timeout, cancellation);
        if (!result.Succeeded)
            throw new ToolFailedException($"lspci -mm exited with {result.ExitCode}: {result.Stderr.Trim()}");
        return PciSummary.From(Parsed.From("the output of lspci -mm", result.Stdout, LspciParser.Parse));
    }
}
