namespace SysReport.Parsing;

/// <summary>One processor block of /proc/cpuinfo. x86 kernels fill the model name and placement,
/// arm64 kernels only the implementer and part codes.</summary>
internal sealed record CpuInfoEntry(
    int Processor,
    string? ModelName,
    string? Vendor,
    double? Mhz,
    int? PhysicalId,
    int? CoreId,
    string? Implementer,
    string? Part);
