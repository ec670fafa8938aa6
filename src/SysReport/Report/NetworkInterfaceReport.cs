using SysReport.Parsing;

namespace SysReport.Report;

/// <summary>Link is null when ethtool could not read the interface; the report's problems say why.</summary>
internal sealed record NetworkInterfaceReport(string Name, LinkSettings? Link);
