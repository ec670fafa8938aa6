using System.Globalization;
using SysReport.Install;
using SysReport.Parsing;
using SysReport.Running;

namespace SysReport.Probes;

/// <summary>A 4 KiB random-read test on a temporary file: direct I/O through libaio when fio has it, else psync.</summary>
internal static class FioBenchmark
{
    public static readonly TimeSpan Runtime = TimeSpan.FromSeconds(5);

    private const string FileSize = "256M";

    public static async Task<FioResult> RunAsync(InstallLayout layout, string directory, IProgress<string> progress, CancellationToken cancellation)
    {
        var fio = layout.RequireTool("fio");
        var engines = await ToolRunner.RunAsync(fio, ["--enghelp"], TimeSpan.FromSeconds(10), cancellation);
        var libaio = engines.Stdout.Split('\n').Any(line => line.Trim() == "libaio");
        var file = Path.Combine(directory, $"sysreport-fio-{Environment.ProcessId}.dat");
        try
        {
            progress.Report($"fio: {FileSize} random read for {Runtime.TotalSeconds:0} s in {Path.TrimEndingDirectorySeparator(directory)} ({(libaio ? "libaio" : "psync")})");
            var result = await RunFioAsync(fio, file, libaio, direct: true, cancellation);
            // tmpfs and some overlay file systems refuse O_DIRECT; a buffered run still measures something.
            if (!result.Succeeded && (result.Stderr.Contains("O_DIRECT", StringComparison.Ordinal) || result.Stderr.Contains("Invalid argument", StringComparison.Ordinal)))
            {
                progress.Report("fio: direct I/O is not supported here, repeating with buffered I/O");
                result = await RunFioAsync(fio, file, libaio, direct: false, cancellation);
            }

            if (!result.Succeeded)
                throw new ToolFailedException($"fio exited with {result.ExitCode}: {result.Stderr.Trim()}");
            return Parsed.From("the JSON output of fio", result.Stdout, FioJsonParser.Parse);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<ToolResult> RunFioAsync(string fio, string file, bool libaio, bool direct, CancellationToken cancellation) =>
        ToolRunner.RunAsync(
            fio,
            [
                "--name=randread",
                $"--filename={file}",
                "--rw=randread",
                "--bs=4k",
                $"--size={FileSize}",
                $"--runtime={Runtime.TotalSeconds.ToString(CultureInfo.InvariantCulture)}",
                "--time_based",
                $"--ioengine={(libaio ? "libaio" : "psync")}",
                $"--iodepth={(libaio ? 32 : 1)}",
                $"--direct={(direct ? 1 : 0)}",
                "--output-format=json",
            ],
            Runtime + TimeSpan.FromSeconds(60),
            cancellation);
}
