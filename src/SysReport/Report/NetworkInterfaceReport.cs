using SysReport.Parsing;

namespace SysReport.Report;

/// <summary>Link is null for virtual interfaces and for those ethtool could not read; the report's problems name the latter.</summary>
internal sealed record NetworkInterfaceReport(string Name, LinkSettings? Link);
