namespace SysReport.Report;

internal sealed record CoreUtilisation(string Cpu, double BusyPercent);
