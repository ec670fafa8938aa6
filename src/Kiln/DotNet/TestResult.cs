namespace Kiln.DotNet;

/// <summary>One test's result as a TRX file records it.</summary>
internal sealed record TestResult(string Name, TestOutcome Outcome, TimeSpan Duration);

internal enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
}
