using System.Diagnostics;
using Kiln.Targets;

namespace Kiln.Processes;

/// <summary>
/// An external command: immutable, with its working directory and extra environment. Output lines go to a writer as
/// they arrive; cancellation kills the whole process tree, so Ctrl-C never leaves a compiler running.
/// </summary>
internal sealed record ProcessCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public override string ToString() =>
        string.Join(" ", new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ') ? $"'{a}'" : a));

    /// <summary>Runs to completion and returns the exit code; stdout and stderr both go to <paramref name="output"/>.</summary>
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        using var process = Start(redirectInput: false);
        var lines = new object();
        void Forward(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (lines)
                output.WriteLine(e.Data);
        }

        process.OutputDataReceived += Forward;
        process.ErrorDataReceived += Forward;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitAsync(process, cancellationToken);
        return process.ExitCode;
    }

    /// <summary>Runs and fails with the command line and exit code when it does not exit 0.</summary>
    public async Task ExecuteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var exitCode = await RunAsync(output, cancellationToken);
        if (exitCode != 0)
            throw new BuildException($"'{this}' exited with code {exitCode}.");
    }

    /// <summary>Runs and returns stdout; stderr is returned with the failure when the command does not exit 0.</summary>
    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        using var process = Start(redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await WaitAsync(process, cancellationToken);
        if (process.ExitCode != 0)
            throw new BuildException($"'{this}' exited with code {process.ExitCode}: {(await stderr).Trim()}");
        return await stdout;
    }

    private Process Start(bool redirectInput)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? "",
        };
        foreach (var argument in Arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment)
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }

        try
        {
            return Process.Start(info) ?? throw new BuildException($"'{this}' could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"'{FileName}' could not be started: {e.Message}. Is it installed and on PATH?", e);
        }
    }

    private static async Task WaitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
    }
}
