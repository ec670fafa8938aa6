namespace Build.Tests.Workflows;

/// <summary>One job (one matrix leg) as it ran.</summary>
internal sealed class JobRecord(string id, string displayName)
{
    public string Id { get; } = id;

    public string DisplayName { get; } = displayName;

    /// <summary><c>success</c>, <c>failure</c> or <c>skipped</c>.</summary>
    public string Result { get; set; } = "";

    /// <summary>From the clone to the last step; zero for a job that did not run.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Recorded as succeeded without running (<see cref="RunContext.JobsTakenAsPassed"/>).</summary>
    public bool TakenAsPassed { get; init; }

    public List<StepRecord> Steps { get; } = [];

    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>The job's summary page: what its steps wrote to <c>GITHUB_STEP_SUMMARY</c>, in step order, as GitHub shows it.</summary>
    public string Summary => string.Concat(Steps.Select(step => step.Summary));

    public StepRecord Step(string idOrName) =>
        Steps.SingleOrDefault(step => step.Id == idOrName) ?? Steps.Single(step => step.Name == idOrName);

    public override string ToString() => $"job {DisplayName}: {Result}{(TakenAsPassed ? " (taken as passed, not run)" : "")}\n" + string.Join("\n", Steps);
}
