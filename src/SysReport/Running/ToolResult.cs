namespace SysReport.Running;

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The kernel refused a reading to an unprivileged caller.</summary>
    public bool WasRefusedPermission =>
        Stderr.Contains("Operation not permitted", StringComparison.Ordinal)
        || Stderr.Contains("Permission denied", StringComparison.Ordinal);
}
