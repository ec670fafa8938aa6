using SysReport.Parsing;

namespace SysReport.Report;

/// <summary>Everything the default command reports. A null section failed or was not requested; Problems says which.</summary>
internal sealed record SystemReport(
    string Version,
    string Hostname,
    string? Kernel,
    CpuSummary? Cpu,
    MemInfo? Memory,
    CpuUtilisation? Utilisation,
    NumaTopology? Numa,
    PciSummary? Pci,
    IReadOnlyList<NetworkInterfaceReport>? Network,
    FioResult? Bench,
    LoadRun? Load,
    IReadOnlyList<ReportProblem> Problems);
