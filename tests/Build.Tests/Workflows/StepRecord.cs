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

    /// <summary>What the step wrote to its <c>GITHUB_STEP_SUMMARY</c> file.</summary>
    public string Summary { get; set; } = "";

    public override string ToString() => $"{Name} [{Outcome}]{(Run is null ? "" : $" $ {Run}")}\n{Log}";
}
