using System.Globalization;
using System.Text;
using Kiln.Targets.Foundation;

namespace Kiln.DotNet;

/// <summary>Every project's run: the closing line, the slowest tests, and the verdict.</summary>
internal sealed record TestRun(IReadOnlyList<TestProjectRun> Projects)
{
    public const int SlowestShown = 10;

    public TestRunSummary Summary => new(Projects.SelectMany(p => p.Summary.Results).ToList());

    public IReadOnlyList<string> Problems => Projects.SelectMany(p => p.Problems).ToList();

    /// <summary>The counts CI reads; tests a crashed host never reported count as failed.</summary>
    public string ClosingLine
    {
        get
        {
            var summary = Summary;
            return $"{summary.Passed} passed, {summary.Failed + Projects.Sum(p => p.Lost)} failed, {summary.Skipped} skipped";
        }
    }

    public string Report()
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"The {SlowestShown} slowest tests:");
        foreach (var test in Summary.Slowest(SlowestShown))
            report.AppendLine(CultureInfo.InvariantCulture, $"  {test.Duration.TotalSeconds,8:0.0} s  {test.Name}");
        foreach (var project in Projects)
            report.AppendLine(CultureInfo.InvariantCulture, $"{project.Name}: {project.Summary} in {project.Elapsed.TotalSeconds:0} s");
        foreach (var problem in Problems)
            report.AppendLine("error: " + problem);
        report.Append(ClosingLine);
        return report.ToString();
    }

    /// <summary>Fails naming every untrustworthy project and every failed test.</summary>
    public void ThrowIfFailed()
    {
        var reasons = Problems.ToList();
        if (Summary.Failed > 0)
            reasons.Add($"{Summary.Failed} test(s) failed: {string.Join(", ", Summary.FailedTests)}");
        if (reasons.Count > 0)
            throw new BuildException(string.Join(Environment.NewLine, reasons));
    }
}
