using System.Runtime.InteropServices;
using SysReport.Cli;
using SysReport.Install;
using SysReport.Probes;

namespace SysReport;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        // Ctrl+C stops a running --load or --bench; the report still prints what was measured until then.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        var layout = InstallLayout.Discover(
            Environment.GetEnvironmentVariable(InstallLayout.HomeVariable),
            AppContext.BaseDirectory,
            RuntimeInformation.OSArchitecture);
        return await SysReportCommand.RunAsync(args, layout, SystemPaths.Live, Console.Out, Console.Error, interrupt.Token);
    }
}
