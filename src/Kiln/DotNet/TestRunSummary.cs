namespace Kiln.DotNet;

/// <summary>Counts over test results: the numbers of the closing line, read from TRX files, not guessed from console text.</summary>
internal sealed record TestRunSummary(IReadOnlyList<TestResult> Results)
{
    public int Passed => Results.Count(r => r.Outcome == TestOutcome.Passed);

    public int Failed => Results.Count(r => r.Outcome == TestOutcome.Failed);

    public int Skipped => Results.Count(r => r.Outcome == TestOutcome.Skipped);

    public IReadOnlyList<string> FailedTests => Results.Where(r => r.Outcome == TestOutcome.Failed).Select(r => r.Name).ToList();

    /// <summary>The <paramref name="count"/> longest results, longest first; equal durations by name, so the list is stable.</summary>
    public IReadOnlyList<TestResult> Slowest(int count) =>
        Results.OrderByDescending(r => r.Duration).ThenBy(r => r.Name, StringComparer.Ordinal).Take(count).ToList();

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
