namespace SysReport.Parsing;

/// <summary>Null members are readings ethtool reported as unknown or did not print.</summary>
internal sealed record LinkSettings(long? SpeedMbps, string? Duplex, bool? LinkDetected, string? Port);
