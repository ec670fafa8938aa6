namespace Kiln.DotNet;

/// <summary>One test project's run as the harness saw it, and what, if anything, makes its counts untrustworthy.</summary>
/// <param name="ListedTests">The tests the project has (<c>dotnet test --list-tests</c>); null when a filter selects a subset.</param>
/// <param name="Trx">What the run wrote; null when it wrote nothing.</param>
internal sealed record TestProjectRun(string Name, int ExitCode, IReadOnlyList<string>? ListedTests, TrxFile? Trx, TimeSpan Elapsed)
{
    public TestRunSummary Summary => new(Trx?.Results ?? []);

    /// <summary>Tests the project has but never reported: lost with a crashed, hung or killed test host.</summary>
    public int Lost => ListedTests is { } listed ? Math.Max(0, listed.Count - Summary.Results.Count) : 0;

    /// <summary>Why this project's counts cannot be trusted, one sentence each; empty when they can.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (Trx is null)
                problems.Add($"{Name}: 'dotnet test' exited with code {ExitCode} and wrote no test results.");
            else if (Lost > 0)
                problems.Add($"{Name}: {Summary.Results.Count} results for {ListedTests!.Count} tests: {Lost} never ran or never reported, "
                             + $"first {string.Join(", ", LostNames().Take(LostNamesShown))}{RunSays}.");
            else if (ExitCode != 0 && Summary.Failed == 0)
                problems.Add($"{Name}: 'dotnet test' exited with code {ExitCode} but reported no failed test{RunSays}.");
            return problems;
        }
    }

    private const int LostNamesShown = 5;

    /// <summary>The first few listed tests without a result: where a crash or hang happened, even in a fixture's set-up.</summary>
    private IEnumerable<string> LostNames()
    {
        var reported = Summary.Results.Select(r => r.Name).ToList();
        foreach (var name in ListedTests ?? [])
        {
            if (!reported.Remove(name))
                yield return name;
        }
    }

    private string RunSays => Trx is { RunMessages.Count: > 0 } trx ? "; the run says: " + string.Join(" | ", trx.RunMessages) : "";
}
