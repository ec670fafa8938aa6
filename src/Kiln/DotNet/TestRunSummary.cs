using System.Xml.Linq;

namespace Kiln.DotNet;

/// <summary>Counts from the TRX files a <c>dotnet test</c> run wrote: the numbers of the closing line, not a guess from console text.</summary>
internal sealed record TestRunSummary(int Passed, int Failed, int Skipped, IReadOnlyList<string> FailedTests)
{
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public static TestRunSummary FromTrxFiles(IEnumerable<string> files)
    {
        int passed = 0, failed = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var file in files)
        {
            var document = XDocument.Load(file);
            XNamespace ns = document.Root!.Name.Namespace;
            foreach (var result in document.Descendants(ns + "UnitTestResult"))
            {
                switch (result.Attribute("outcome")?.Value)
                {
                    case "Passed":
                        passed++;
                        break;
                    case "Failed" or "Error" or "Timeout" or "Aborted":
                        failed++;
                        failures.Add(result.Attribute("testName")?.Value ?? "?");
                        break;
                    default:
                        skipped++;
                        break;
                }
            }
        }

        return new TestRunSummary(passed, failed, skipped, failures);
    }
}
