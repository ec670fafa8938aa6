using System.Diagnostics;
using System.Runtime.InteropServices;
using Kiln.Docker;
using Kiln.Targets.Foundation;

namespace Kiln.Services;

/// <summary>
/// A Docker Engine for the length of one target: the one that already answers, or a <c>dockerd</c> started for the run
/// (<c>--iptables=false --bridge=none</c>, for CI machines without bridge networking; its log in a file of the caller's choice) and
/// stopped again when disposed, also after a failure or Ctrl-C. An engine this service did not start is never stopped.
/// </summary>
internal sealed class DockerEngineService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process? _started;
    private readonly TextWriter _log;

    private DockerEngineService(Process? started, TextWriter log)
    {
        _started = started;
        _log = log;
    }

    /// <summary>Whether this service started the engine (and so stops it).</summary>
    public bool StartedHere => _started is not null;

    public static async Task<DockerEngineService> EnsureRunningAsync(string logFile, TextWriter log, CancellationToken cancellationToken)
    {
        var availability = await DockerAvailability.ProbeAsync(cancellationToken: cancellationToken);
        if (availability.IsAvailable)
        {
            log.WriteLine($"docker: {availability.Description}");
            return new DockerEngineService(null, log);
        }

        if (!Environment.IsPrivilegedProcess)
            throw new BuildException($"No Docker Engine answers ({availability.Description}), and starting dockerd needs root: start one, or run as root.");

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        log.WriteLine($"docker: {availability.Description}; starting dockerd (log: {logFile})");
        var process = StartDaemon(logFile);
        var service = new DockerEngineService(process, log);
        try
        {
            await service.WaitUntilAnswersAsync(logFile, cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started is null)
            return;
        using (_started)
        {
            if (_started.HasExited)
                return;
            _log.WriteLine($"docker: stopping the dockerd this build started (pid {_started.Id})");
            // SIGTERM lets dockerd stop its containers and containerd; SIGKILL only when it does not end in time.
            _ = Signal(_started.Id, SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _started.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _started.Kill(entireProcessTree: true);
                await _started.WaitForExitAsync();
            }
        }
    }

    private static Process StartDaemon(string logFile)
    {
        // The shell redirects dockerd's output to the log file itself, so nothing depends on this process reading pipes.
        var startInfo = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "-c", "exec dockerd --iptables=false --bridge=none >\"$0\" 2>&1", logFile })
            startInfo.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(startInfo)!;
            process.StandardInput.Close();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Cannot start dockerd: {e.Message}");
        }
    }

    private async Task WaitUntilAnswersAsync(string logFile, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (_started!.HasExited)
                throw new BuildException($"dockerd exited with code {_started.ExitCode} before its API answered; last lines of {logFile}:\n{Tail(logFile)}");
            if ((await DockerAvailability.ProbeAsync(cancellationToken: cancellationToken)).IsAvailable)
            {
                _log.WriteLine($"docker: dockerd answers after {stopwatch.Elapsed.TotalSeconds:0.0} s");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new BuildException($"dockerd did not answer within {StartTimeout.TotalSeconds:0} s; last lines of {logFile}:\n{Tail(logFile)}");
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private static string Tail(string logFile) =>
        File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(20)) : "(no log)";
}
