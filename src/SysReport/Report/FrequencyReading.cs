namespace SysReport.Report;

internal sealed record FrequencyReading(double AverageMhz, double MinMhz, double MaxMhz, string Source);
