namespace Build.Tests.Workflows;

/// <summary>What one simulated run is: its id, the pushed ref, and where its release goes.</summary>
internal sealed record RunContext(int RunId, string GitRef, string ReleaseDirectory);
