using System.Reflection;
using System.Text.Json;
using SysReport.Install;
using SysReport.Probes;
using SysReport.Rendering;
using SysReport.Report;

namespace SysReport.Cli;

internal static class SysReportCommand
{
    public const int Ok = 0;

    public const int Failure = 1;

    public const int UsageError = 2;

    public static string Version =>
        typeof(SysReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Progress and diagnostics go to <paramref name="error"/> so that <paramref name="output"/> stays parseable.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, InstallLayout layout, SystemPaths paths, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        CommandLineOptions options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"sysreport: {e.Message}");
            error.WriteLine("Try 'sysreport --help'.");
            return UsageError;
        }

        switch (options.Mode)
        {
            case CommandMode.Help:
                output.WriteLine(CommandLine.Usage);
                return Ok;
            case CommandMode.Version:
                output.WriteLine(Version);
                return Ok;
            case CommandMode.Tools:
                return ListTools(layout, options.Json, output, error);
            default:
                return await ReportAsync(options, layout, paths, output, error, cancellation);
        }
    }

    private static int ListTools(InstallLayout layout, bool json, TextWriter output, TextWriter error)
    {
        ToolsReport report;
        try
        {
            report = ToolsReport.From(layout, DistManifestReader.Read(layout.ManifestPath));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"sysreport: {e.Message}");
            return Failure;
        }

        if (json)
            output.WriteLine(JsonSerializer.Serialize(report, SysReportJsonContext.Default.ToolsReport));
        else
            TextToolsRenderer.Render(report, output);
        if (!report.Complete)
            error.WriteLine("sysreport: the bundled tools are incomplete for this machine");
        return report.Complete ? Ok : Failure;
    }

    private static async Task<int> ReportAsync(
        CommandLineOptions options, InstallLayout layout, SystemPaths paths, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var collector = new ReportCollector(layout, paths, new WriterProgress(error));
        var report = await collector.CollectAsync(Version, options.Bench, options.LoadSeconds, cancellation);
        if (options.Json)
            output.WriteLine(JsonSerializer.Serialize(report, SysReportJsonContext.Default.SystemReport));
        else
            TextReportRenderer.Render(report, output);
        var requestedSectionFailed = report.Problems.Any(p => p.Section is ReportCollector.BenchSection or ReportCollector.LoadSection);
        return requestedSectionFailed ? Failure : Ok;
    }
}
