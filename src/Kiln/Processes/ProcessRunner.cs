using System.Diagnostics;
using Kiln.Targets.Foundation;

namespace Kiln.Processes;

/// <summary>Runs a host process with its output streamed, line by line, to a writer (a log), and kills it when cancelled.</summary>
internal static class ProcessRunner
{
    public static async Task<int> RunAsync(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Skip(1))
            startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            startInfo.Environment[name] = value;

        using var process = new Process { StartInfo = startInfo };
        var gate = new object();
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (gate)
                output.WriteLine(line);
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Cannot start '{arguments[0]}': {e.Message}", e);
        }

        process.StandardInput.Close();
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

        lock (gate)
            output.Flush();
        return process.ExitCode;
    }

    /// <summary>Runs a command and returns its combined output; a non-zero exit code is an error that quotes the output.</summary>
    public static async Task<string> CaptureAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var output = new StringWriter();
        var exitCode = await RunAsync(arguments, workingDirectory, null, output, cancellationToken);
        if (exitCode != 0)
            throw new BuildException($"'{string.Join(' ', arguments)}' exited with code {exitCode}:{Environment.NewLine}{output}");
        return output.ToString();
    }
}
