using System.Diagnostics;

namespace Kiln.Docker;

/// <summary>Runs a host command (debootstrap, tar) and reports each line it prints.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs to completion and returns the exit code; cancellation kills the whole process tree.</summary>
    internal static async Task<int> RunAsync(
        string fileName, IReadOnlyList<string> arguments, IProgress<string>? output, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) output?.Report(text); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) output?.Report(text); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"cannot run '{fileName}': {e.Message}", fileName, e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }
}
