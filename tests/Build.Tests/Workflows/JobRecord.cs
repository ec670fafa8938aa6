namespace Build.Tests.Workflows;

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
