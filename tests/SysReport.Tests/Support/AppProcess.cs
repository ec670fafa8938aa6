using System.Diagnostics;

namespace SysReport.Tests.Support;

/// <summary>Runs the built sysreport app (copied beside the tests by the project reference) as its own process.</summary>
internal static class AppProcess
{
    public static string AppDirectory => TestContext.CurrentContext.TestDirectory;

    public static Task<(int ExitCode, string Output, string Error)> RunDllAsync(string home, params string[] args) =>
        RunAsync(Dotnet, [Path.Combine(AppDirectory, "sysreport.dll"), .. args], home);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string executable, IEnumerable<string> args, string? home)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        if (home is null)
            start.Environment.Remove("SYSREPORT_HOME");
        else
            start.Environment["SYSREPORT_HOME"] = home;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    // dotnet test exports the host it runs on; fall back to PATH when run another way.
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
