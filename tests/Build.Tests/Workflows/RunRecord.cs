namespace Build.Tests.Workflows;

/// <summary>A whole workflow run: every job leg in the order it ran, and where its release went.</summary>
internal sealed class RunRecord(string releaseDirectory)
{
    public List<JobRecord> Jobs { get; } = [];

    /// <summary>The files attached to the release, as the release page would list them.</summary>
    public string ReleaseDirectory { get; } = releaseDirectory;

    public JobRecord Job(string displayName) => Jobs.Single(job => job.DisplayName == displayName);

    public override string ToString() => string.Join("\n\n", Jobs);
}
