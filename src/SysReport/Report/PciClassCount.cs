namespace SysReport.Report;

internal sealed record PciClassCount(string Class, int Count);
