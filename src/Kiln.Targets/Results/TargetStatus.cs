namespace Kiln.Targets.Results;

public enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Aborted,

    /// <summary>Its declared inputs and outputs are those of its last successful run, so it did not run; its outputs stand.</summary>
    UpToDate,
}
