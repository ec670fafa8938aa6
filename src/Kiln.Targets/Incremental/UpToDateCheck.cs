using Kiln.Targets.Fingerprints;

namespace Kiln.Targets.Incremental;

/// <summary>
/// The decision taken before a target with declarations runs: up to date (skip it) or not, and why in either case.
/// <see cref="Inputs"/> are the inputs as they were before the run: a file edited while the target runs is then seen as
/// changed by the next run, never recorded as what the outputs were made from.
/// </summary>
internal sealed record UpToDateCheck(bool IsUpToDate, string Reason, FingerprintInputs Inputs);
