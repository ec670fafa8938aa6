namespace SysReport.Report;

/// <summary>Completed is false when stress stopped early or was interrupted; the samples taken until then are kept.</summary>
internal sealed record LoadRun(int Seconds, int Workers, bool Completed, IReadOnlyList<LoadSample> Samples);
