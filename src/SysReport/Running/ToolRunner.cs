using System.ComponentModel;
using System.Diagnostics;

namespace SysReport.Running;

/// <summary>Runs a tool to completion, capturing its output; a tool that outlives its timeout is killed with its children.</summary>
internal static class ToolRunner
{
    public static async Task<ToolResult> RunAsync(string path, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Tools must print the C locale's numbers and messages, which is what the parsers read.
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolFailedException($"{path} could not be started: {e.Message}");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellation.ThrowIfCancellationRequested();
            throw new ToolFailedException($"{Path.GetFileName(path)} did not finish within {timeout.TotalSeconds:0.#} s and was stopped");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
