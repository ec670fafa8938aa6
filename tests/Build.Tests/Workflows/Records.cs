namespace Build.Tests.Workflows;

/// <summary>One step as it ran: its expanded command or action inputs, its outcome and outputs, and what it printed.</summary>
internal sealed class StepRecord(string name, string? id)
{
    public string Name { get; } = name;

    public string? Id { get; } = id;

    /// <summary><c>success</c>, <c>failure</c>, <c>skipped</c>; empty while the step has not run.</summary>
    public string Outcome { get; set; } = "";

    public string? Run { get; set; }

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    public string Log { get; set; } = "";

    public override string ToString() => $"{Name} [{Outcome}]{(Run is null ? "" : $" $ {Run}")}\n{Log}";
}

/// <summary>One job (one matrix leg) as it ran.</summary>
internal sealed class JobRecord(string id, string displayName)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    /// <summary><c>success</c>, <c>failure</c> or <c>skipped</c>.</summary>
    public string Result { get; set; } = "";

    public List<StepRecord> Steps { get; } = [];

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    public StepRecord Step(string idOrName) =>
        Steps.SingleOrDefault(step => step.Id == idOrName) ?? Steps.Single(step => step.Name == idOrName);

    public override string ToString() => $"job {DisplayName}: {Result}\n" + string.Join("\n", Steps);
}

/// <summary>A whole workflow run: every job leg in the order it ran, and where its release went.</summary>
internal sealed class RunRecord(string releaseDirectory)
{
    public List<JobRecord> Jobs { get; } = [];

    /// <summary>The files attached to the release, as the release page would list them.</summary>
    public string ReleaseDirectory { get; } = releaseDirectory;

    public JobRecord Job(string displayName) => Jobs.Single(job => job.DisplayName == displayName);

    public override string ToString() => string.Join("\n\n", Jobs);
}
