namespace Build.Tests.Workflows;

/// <summary>What one simulated run is: its id, the pushed ref, and where its release goes.</summary>
/// <param name="JobsTakenAsPassed">
/// Jobs recorded as succeeded without being run, as GitHub's "Re-run failed jobs" keeps the result of a job that passed:
/// lets a simulation run an expensive job in one run only while the jobs that need it still run in every run.
/// </param>
internal sealed record RunContext(int RunId, string GitRef, string ReleaseDirectory, IReadOnlySet<string>? JobsTakenAsPassed = null);
