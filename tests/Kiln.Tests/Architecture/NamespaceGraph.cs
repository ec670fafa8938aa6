using System.Text.RegularExpressions;

namespace Kiln.Tests.Architecture;

/// <summary>
/// Which namespace of one project imports which other namespace of the same project, read from the <c>namespace</c>
/// and <c>using</c> lines of its .cs files; each edge keeps one file that makes it, so a cycle can be traced to code.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private NamespaceGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> edges) => Edges = edges;

    /// <summary>Namespace, then each namespace it imports with the first file (relative to the project) that imports it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Edges { get; }

    public static NamespaceGraph ReadProject(string projectDirectory)
    {
        var files = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(projectDirectory, f)))
            .Order(StringComparer.Ordinal)
            .Select(f => (File: Path.GetRelativePath(projectDirectory, f), Lines: File.ReadAllLines(f)))
            .Select(f => (f.File, Namespace: f.Lines.Select(l => NamespaceLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value,
                Usings: f.Lines.Select(l => UsingLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList()))
            .Where(f => f.Namespace is not null)
            .ToList();
        var declared = files.Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (file, ns, usings) in files)
        {
            var imports = edges.TryGetValue(ns!, out var found) ? found : edges[ns!] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var used in usings.Where(u => u != ns && declared.Contains(u)))
                imports.TryAdd(used, file);
        }

        return new NamespaceGraph(edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal));
    }

    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Dependencies() =>
        Edges.ToDictionary(e => e.Key, e => (IReadOnlyCollection<string>)e.Value.Keys.ToList(), StringComparer.Ordinal);

    /// <summary>A cycle as <c>A -> B -> A</c>, each edge with the file that makes it.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(Environment.NewLine, [
            string.Join(" -> ", cycle),
            .. cycle.Zip(cycle.Skip(1), (from, to) => $"  {from} -> {to}: {Edges[from][to]}"),
        ]);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;")]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+([\w.]+)\s*;")]
    private static partial Regex UsingLine();
}
