namespace SysReport.Parsing;

/// <summary>Where one logical CPU sits: its socket (physical package) and its core within that socket.</summary>
internal sealed record CpuPlacement(int Cpu, int Package, int Core);
