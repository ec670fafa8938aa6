namespace SysReport.Report;

/// <summary>Why a section of the report is missing or incomplete.</summary>
internal sealed record ReportProblem(string Section, string Message);
