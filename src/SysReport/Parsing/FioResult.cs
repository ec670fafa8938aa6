namespace SysReport.Parsing;

internal sealed record FioResult(string Engine, double Iops, long BandwidthBytesPerSecond, double? P99LatencyMicroseconds);
