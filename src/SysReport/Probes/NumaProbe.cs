using SysReport.Install;
using SysReport.Parsing;
using SysReport.Running;

namespace SysReport.Probes;

internal static class NumaProbe
{
    public static async Task<NumaTopology> ReadAsync(InstallLayout layout, TimeSpan timeout, CancellationToken cancellation)
    {
        var numactl = layout.RequireTool("numactl");
        var result = await ToolRunner.RunAsync(numactl, ["--hardware"], timeout, cancellation);
        var output = result.Stdout + result.Stderr;
        // numactl exits 1 with "No NUMA available" on kernels without NUMA: a fact to report, not a failure.
        if (!result.Succeeded && !output.Contains("No NUMA available", StringComparison.Ordinal))
            throw new ToolFailedException($"numactl --hardware exited with {result.ExitCode}: {result.Stderr.Trim()}");
        return Parsed.From("the output of numactl --hardware", output, NumactlHardwareParser.Parse);
    }
}
