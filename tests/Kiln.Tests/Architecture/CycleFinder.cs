namespace Kiln.Tests.Architecture;

/// <summary>Finds one cycle in a directed graph by depth-first search, in a stable order so a failure reads the same every run.</summary>
internal static class CycleFinder
{
    /// <summary>The nodes of one cycle, the first repeated at the end (<c>A, B, A</c>); null when the graph has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle)
                return cycle;
        return null;

        IReadOnlyList<string>? Visit(string node)
        {
            var onPath = path.IndexOf(node);
            if (onPath >= 0)
                return [.. path.Skip(onPath), node];
            if (!done.Add(node))
                return null;
            path.Add(node);
            var next = graph.TryGetValue(node, out var targets) ? targets : [];
            foreach (var target in next.Order(StringComparer.Ordinal))
                if (Visit(target) is { } cycle)
                    return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
    }
}
