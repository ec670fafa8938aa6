namespace Kiln.Targets.Results;

/// <summary>One row of the summary: what happened to a scheduled target, how long it took, and why.</summary>
internal sealed record TargetResult(string Name, TargetStatus Status, TimeSpan Duration, string? Note = null, Exception? Error = null);
