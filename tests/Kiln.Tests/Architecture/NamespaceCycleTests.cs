using Kiln.Tests.Tools;

namespace Kiln.Tests.Architecture;

public class NamespaceCycleTests
{
    private static IEnumerable<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(RepositoryFiles.Root, "src"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(SourceProjects))]
    public void No_namespace_of_a_source_project_imports_itself_back(string project)
    {
        var graph = NamespaceGraph.ReadProject(Path.Combine(RepositoryFiles.Root, "src", project));

        var cycle = CycleFinder.FindCycle(graph.Dependencies());

        Assert.That(cycle, Is.Null, () => $"namespace cycle in {project}:{Environment.NewLine}{graph.Describe(cycle!)}");
    }

    [Test]
    public void A_cycle_is_found_and_named_from_its_first_node()
    {
        var graph = Graph(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"));

        Assert.That(CycleFinder.FindCycle(graph), Is.EqualTo(new[] { "A", "B", "C", "A" }));
    }

    [Test]
    public void A_cycle_away_from_the_first_node_is_found()
    {
        var graph = Graph(("A", "B"), ("B", "C"), ("C", "D"), ("D", "C"));

        Assert.That(CycleFinder.FindCycle(graph), Is.EqualTo(new[] { "C", "D", "C" }));
    }

    [Test]
    public void Shared_dependencies_without_a_cycle_are_no_cycle()
    {
        var graph = Graph(("A", "B"), ("A", "C"), ("B", "D"), ("C", "D"));

        Assert.That(CycleFinder.FindCycle(graph), Is.Null);
    }

    [Test]
    public void A_cycle_in_a_project_is_named_with_one_file_per_edge()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllText(Path.Combine(scratch.Path, "One.cs"), "using System;\nusing P.Two;\n\nnamespace P.One;\n");
        File.WriteAllText(Path.Combine(scratch.Path, "Two.cs"), "using P.One;\n\nnamespace P.Two;\n");
        var graph = NamespaceGraph.ReadProject(scratch.Path);

        var cycle = CycleFinder.FindCycle(graph.Dependencies());

        Assert.That(graph.Describe(cycle!), Is.EqualTo(string.Join(Environment.NewLine,
            "P.One -> P.Two -> P.One", "  P.One -> P.Two: One.cs", "  P.Two -> P.One: Two.cs")));
    }

    private static Dictionary<string, IReadOnlyCollection<string>> Graph(params (string From, string To)[] edges) =>
        edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(e => e.To).ToList());
}
