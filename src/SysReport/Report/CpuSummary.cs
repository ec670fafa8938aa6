namespace SysReport.Report;

internal sealed record CpuSummary(string Model, int Sockets, int Cores, int Threads, double? Mhz, string TopologySource);
