using System.Xml.Linq;

namespace Kiln.DotNet;

/// <summary>The test projects of a solution (<c>.slnx</c>): those that say <c>IsTestProject</c>, in the solution's order.</summary>
internal static class TestProjects
{
    public static IReadOnlyList<string> In(string solution)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        return XDocument.Load(solution).Descendants("Project")
            .Select(project => Path.Combine(directory, project.Attribute("Path")?.Value ?? ""))
            .Where(path => File.Exists(path) && IsTestProject(path))
            .ToList();
    }

    private static bool IsTestProject(string project) =>
        XDocument.Load(project).Descendants("IsTestProject").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
}
