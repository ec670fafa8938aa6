using System.Globalization;
using SysReport.Install;
using SysReport.Report;
using SysReport.Running;

namespace SysReport.Probes;

/// <summary>Keeps every CPU busy with <c>stress --cpu N</c> and samples utilisation and clock once a second.</summary>
internal static class StressLoad
{
    public static async Task<LoadRun> RunAsync(
        InstallLayout layout, SystemPaths paths, int seconds, IProgress<LoadSample> progress, Action<string> problem, CancellationToken cancellation)
    {
        var stress = layout.RequireTool("stress");
        var workers = Environment.ProcessorCount;
        var samples = new List<LoadSample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var run = ToolRunner.RunAsync(
            stress,
            ["--cpu", workers.ToString(CultureInfo.InvariantCulture), "--timeout", $"{seconds}s"],
            TimeSpan.FromSeconds(seconds + 30),
            stop.Token);
        try
        {
            var previous = UtilisationProbe.Sample(paths);
            using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
            for (var second = 1; second <= seconds && !run.IsCompleted; second++)
            {
                await ticks.WaitForNextTickAsync(cancellation);
                var current = UtilisationProbe.Sample(paths);
                var frequency = FrequencyProbe.Read(paths);
                var sample = new LoadSample(
                    second, CpuUtilisation.Between(previous, current).BusyPercent, frequency?.AverageMhz, frequency?.MinMhz, frequency?.MaxMhz);
                samples.Add(sample);
                progress.Report(sample);
                previous = current;
            }

            var result = await run;
            if (!result.Succeeded)
            {
                problem($"stress exited with {result.ExitCode} after {samples.Count} of {seconds} s: {result.Stderr.Trim()}");
                return new LoadRun(seconds, workers, false, samples);
            }

            return new LoadRun(seconds, workers, samples.Count == seconds, samples);
        }
        catch (OperationCanceledException)
        {
            problem($"interrupted after {samples.Count} of {seconds} s");
            return new LoadRun(seconds, workers, false, samples);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ToolFailedException)
        {
            problem($"stopped after {samples.Count} of {seconds} s: {e.Message}");
            return new LoadRun(seconds, workers, false, samples);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(run);
        }
    }
}
