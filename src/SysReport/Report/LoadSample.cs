namespace SysReport.Report;

/// <summary>One second of a load run: utilisation over that second and the clock frequency at its end.</summary>
internal sealed record LoadSample(int Second, double BusyPercent, double? AverageMhz, double? MinMhz, double? MaxMhz);
