namespace SysReport.Parsing;

internal sealed record MemInfo(long TotalBytes, long? AvailableBytes, long FreeBytes, long SwapTotalBytes, long SwapFreeBytes);
