using SysReport.Install;
using SysReport.Parsing;
using SysReport.Report;
using SysReport.Running;

namespace SysReport.Probes;

internal static class NetworkProbe
{
    /// <summary>One entry per interface but lo; an interface without readable link settings is kept without them.</summary>
    public static async Task<IReadOnlyList<NetworkInterfaceReport>> ReadAsync(
        InstallLayout layout, SystemPaths paths, TimeSpan timeout, Action<string> problem, CancellationToken cancellation)
    {
        var names = Directory.EnumerateFileSystemEntries(paths.NetworkInterfaces)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => n != "lo")
            .Order(StringComparer.Ordinal)
            .ToList();
        var ethtool = layout.RequireTool("ethtool");
        var interfaces = new List<NetworkInterfaceReport>();
        foreach (var name in names)
        {
            var result = await ToolRunner.RunAsync(ethtool, [name], timeout, cancellation);
            LinkSettings? link = null;
            // ethtool prints what it could read even when a later query (wake-on-lan, message level) is refused.
            if (result.Stdout.Contains("Settings for ", StringComparison.Ordinal))
                link = Parsed.From($"the output of ethtool {name}", result.Stdout, EthtoolParser.Parse);
            if (result.WasRefusedPermission)
                problem($"{name}: some ethtool readings need root ({FirstLine(result.Stderr)})");
            else if (link is null && !HasNoLinkSettings(result))
                problem($"{name}: ethtool exited with {result.ExitCode}: {FirstLine(result.Stderr + result.Stdout)}");
            interfaces.Add(new NetworkInterfaceReport(name, link));
        }

        return interfaces;
    }

    // Virtual interfaces (ifb, bridges, veth) have no link to describe; ethtool says so and exits 75.
    private static bool HasNoLinkSettings(ToolResult result) =>
        (result.Stdout + result.Stderr).Contains("No data available", StringComparison.Ordinal);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
