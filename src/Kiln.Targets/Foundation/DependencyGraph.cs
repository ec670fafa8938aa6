namespace Kiln.Targets.Foundation;

/// <summary>
/// Named nodes in declaration order and "runs after" edges: the one topological sort of the repository, used by
/// the target planner and by the tool recipes. Ties go to the earlier-declared node, so an order never depends on
/// hash order, and every cycle is reported as a path (<c>A -> B -> A</c>), one per strongly connected component.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, int> _index = new();
    private readonly Dictionary<string, List<string>> _runsAfter = new();

    /// <summary>A later duplicate of a name keeps the first one's place; reporting duplicates is the caller's policy.</summary>
    public DependencyGraph(IEnumerable<string> nodes)
    {
        foreach (var node in nodes)
            if (_index.TryAdd(node, _index.Count))
                _runsAfter[node] = [];
    }

    /// <summary>Each node and its declaration position.</summary>
    public IReadOnlyDictionary<string, int> Index => _index;

    /// <summary><paramref name="node"/> runs after <paramref name="predecessor"/>; both must be nodes.</summary>
    public void AddEdge(string node, string predecessor) => _runsAfter[node].Add(predecessor);

    /// <summary>Every node of <paramref name="subset"/> (all nodes when null) after the ones it runs after; the graph must be acyclic.</summary>
    public IReadOnlyList<string> Order(IReadOnlySet<string>? subset = null)
    {
        var included = subset ?? _index.Keys.ToHashSet();
        var predecessors = included.ToDictionary(n => n, n => _runsAfter[n].Where(included.Contains).ToHashSet());
        var order = new List<string>();
        while (predecessors.Count > 0)
        {
            var next = predecessors.Where(p => p.Value.Count == 0).Select(p => p.Key).MinBy(n => _index[n])
                ?? throw new InvalidOperationException("the graph has a cycle; report FindCycles() before ordering");
            order.Add(next);
            predecessors.Remove(next);
            foreach (var waiting in predecessors.Values)
                waiting.Remove(next);
        }

        return order;
    }

    /// <summary>One cycle path per strongly connected component, starting at its first declared node: <c>A -> B -> A</c>.</summary>
    public IEnumerable<IReadOnlyList<string>> FindCycles()
    {
        foreach (var component in StronglyConnectedComponents())
        {
            var start = component.MinBy(n => _index[n])!;
            if (component.Count == 1 && !_runsAfter[start].Contains(start))
                continue;
            yield return PathBack(start, component);
        }
    }

    private List<string> PathBack(string start, HashSet<string> component)
    {
        // Breadth-first along runs-after edges gives the shortest way back to start, read in dependency order
        // ("A -> B" when A depends on B).
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in _runsAfter[current].Where(component.Contains).Distinct().OrderBy(n => _index[n]))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var node = current; node != start; node = previous[node])
                        path.Add(node);
                    path.Add(start);
                    path.Reverse();
                    return path;
                }

                if (previous.TryAdd(next, current))
                    queue.Enqueue(next);
            }
        }

        return [start, start];
    }

    private List<HashSet<string>> StronglyConnectedComponents()
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _runsAfter[node])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }

            if (lowLinks[node] != indices[node])
                return;
            var component = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);

            components.Add(component);
        }

        foreach (var node in _index.OrderBy(p => p.Value).Select(p => p.Key))
        {
            if (!indices.ContainsKey(node))
                Visit(node);
        }

        return components;
    }
}
