using SysReport.Install;
using SysReport.Parsing;
using SysReport.Rendering;
using SysReport.Report;
using SysReport.Running;

namespace SysReport.Probes;

/// <summary>Reads every section of the report; a section that fails becomes a problem and the others still run.</summary>
internal sealed class ReportCollector(InstallLayout layout, SystemPaths paths, IProgress<string> progress)
{
    public const string BenchSection = "bench";

    public const string LoadSection = "load";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    private readonly List<ReportProblem> _problems = [];

    public async Task<SystemReport> CollectAsync(string version, bool bench, int? loadSeconds, CancellationToken cancellation)
    {
        var kernel = Section("kernel", () => File.ReadAllText(paths.KernelRelease).Trim());
        var cpu = Section("cpu", () => CpuProbe.Read(paths));
        var memory = Section("memory", () => Parsed.From(paths.MemInfo, File.ReadAllText(paths.MemInfo), MemInfoParser.Parse));
        var utilisation = await SectionAsync("utilisation", () => UtilisationProbe.MeasureAsync(paths, TimeSpan.FromSeconds(1), cancellation));
        var numa = await SectionAsync("numa", () => NumaProbe.ReadAsync(layout, ToolTimeout, cancellation));
        var pci = await SectionAsync("pci", () => PciProbe.ReadAsync(layout, ToolTimeout, cancellation));
        var network = await SectionAsync("network", () => NetworkProbe.ReadAsync(layout, paths, ToolTimeout, Problem("network"), cancellation));
        var fio = bench
            ? await SectionAsync(BenchSection, () => FioBenchmark.RunAsync(layout, Path.GetTempPath(), progress, cancellation))
            : null;
        var load = loadSeconds is { } seconds
            ? await SectionAsync(LoadSection, () => RunLoadAsync(seconds, cancellation))
            : null;
        return new SystemReport(version, Environment.MachineName, kernel, cpu, memory, utilisation, numa, pci, network, fio, load, _problems);
    }

    private Task<LoadRun> RunLoadAsync(int seconds, CancellationToken cancellation)
    {
        progress.Report($"stress: loading every CPU for {seconds} s");
        var samples = new MappedProgress<LoadSample>(progress, s => $"stress: {TextReportRenderer.FormatSample(s).Trim()}");
        return StressLoad.RunAsync(layout, paths, seconds, samples, Problem(LoadSection), cancellation);
    }

    private Action<string> Problem(string section) => message => _problems.Add(new ReportProblem(section, message));

    private T? Section<T>(string name, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsReadingFailure(e))
        {
            _problems.Add(new ReportProblem(name, Describe(e)));
            return null;
        }
    }

    private async Task<T?> SectionAsync<T>(string name, Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (IsReadingFailure(e))
        {
            _problems.Add(new ReportProblem(name, Describe(e)));
            return null;
        }
    }

    private static bool IsReadingFailure(Exception e) =>
        e is ToolNotFoundException or ToolFailedException or IOException or UnauthorizedAccessException or FormatException
            or OperationCanceledException;

    private static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "interrupted",
        UnauthorizedAccessException when !Environment.IsPrivilegedProcess => $"{e.Message} This reading needs root.",
        _ => e.Message,
    };
}
