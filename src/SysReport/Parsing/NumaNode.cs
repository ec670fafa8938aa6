namespace SysReport.Parsing;

internal sealed record NumaNode(int Id, IReadOnlyList<int> Cpus, long? SizeMiB, long? FreeMiB);
