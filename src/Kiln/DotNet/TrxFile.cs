using System.Globalization;
using System.Xml.Linq;

namespace Kiln.DotNet;

/// <summary>
/// What a <c>dotnet test</c> run wrote to its TRX file: every test result, and the run's own messages (a crashed or
/// killed test host is reported there, not as a test result).
/// </summary>
internal sealed record TrxFile(IReadOnlyList<TestResult> Results, IReadOnlyList<string> RunMessages)
{
    public static TrxFile Read(string path)
    {
        var document = XDocument.Load(path);
        XNamespace ns = document.Root!.Name.Namespace;
        var results = document.Descendants(ns + "UnitTestResult").Select(result => new TestResult(
            result.Attribute("testName")?.Value ?? "?",
            result.Attribute("outcome")?.Value switch
            {
                "Passed" => TestOutcome.Passed,
                "Failed" or "Error" or "Timeout" or "Aborted" => TestOutcome.Failed,
                _ => TestOutcome.Skipped,
            },
            TimeSpan.TryParse(result.Attribute("duration")?.Value, CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero)).ToList();
        var messages = document.Descendants(ns + "RunInfo").Select(info => info.Element(ns + "Text")?.Value.Trim() ?? "")
            .Concat(CrashMessages(document.Descendants(ns + "StdOut").FirstOrDefault()?.Value ?? ""))
            .Where(text => text.Length > 0).ToList();
        return new TrxFile(results, messages);
    }

    /// <summary>
    /// What a test host said as it ended itself (<c>Environment.FailFast</c>: "Process terminated." then the message, then
    /// the stack), which the run keeps only in its captured output.
    /// </summary>
    private static IEnumerable<string> CrashMessages(string output) =>
        output.Split('\n').Select(line => line.TrimEnd('\r'))
            .SkipWhile(line => line != "Process terminated.").Skip(1)
            .TakeWhile(line => !line.StartsWith("   at ", StringComparison.Ordinal));
}
