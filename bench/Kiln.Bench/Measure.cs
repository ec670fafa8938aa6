using System.Diagnostics;

namespace Kiln.Bench;

/// <summary>Median wall time of repeated runs; peers run as real processes through bash.</summary>
internal static class Measure
{
    public static TimeSpan Median(int runs, Action action, Action? beforeEach = null)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            beforeEach?.Invoke();
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Runs a shell command line; its stdout is returned, a failure throws.</summary>
    public static string Shell(string commandLine)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{commandLine}' failed ({process.ExitCode}): {error}");
        return output;
    }

    public static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";

    public static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";
}
