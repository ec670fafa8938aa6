namespace SysReport.Report;

internal sealed record BinaryStatus(string Name, string Path, bool Present);
