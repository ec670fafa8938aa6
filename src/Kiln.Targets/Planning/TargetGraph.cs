namespace Kiln.Targets.Planning;

/// <summary>Every relation normalised to three kinds of edges: needs (schedules), triggers (schedules), runs-after (orders).</summary>
internal sealed class TargetGraph
{
    private TargetGraph(IReadOnlyList<TargetSpec> targets)
    {
        Targets = targets;
        Index = new Dictionary<string, int>();
        for (var i = 0; i < targets.Count; i++)
            Index.TryAdd(targets[i].Name, i);
        Dependencies = targets.Select(t => t.Name).Distinct().ToDictionary(n => n, _ => new List<string>());
        Triggered = Dependencies.Keys.ToDictionary(n => n, _ => new List<string>());
        RunsAfter = Dependencies.Keys.ToDictionary(n => n, _ => new List<string>());
    }

    public IReadOnlyList<TargetSpec> Targets { get; }
    public Dictionary<string, int> Index { get; }
    public Dictionary<string, List<string>> Dependencies { get; }
    public Dictionary<string, List<string>> Triggered { get; }
    public Dictionary<string, List<string>> RunsAfter { get; }
    public List<string> Errors { get; } = [];

    public static TargetGraph From(IReadOnlyList<TargetSpec> targets)
    {
        var graph = new TargetGraph(targets);
        foreach (var duplicate in targets.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            graph.Errors.Add($"Target '{duplicate.Key}' is defined {duplicate.Count()} times.");

        foreach (var target in targets)
        {
            graph.Add(target, "depends on", target.DependsOn, (self, other) => graph.Need(self, other));
            graph.Add(target, "is dependent for", target.DependentFor, (self, other) => graph.Need(other, self));
            graph.Add(target, "triggers", target.Triggers, (self, other) => graph.Trigger(self, other));
            graph.Add(target, "is triggered by", target.TriggeredBy, (self, other) => graph.Trigger(other, self));
            graph.Add(target, "runs after", target.After, (self, other) => graph.RunsAfter[self].Add(other));
            graph.Add(target, "runs before", target.Before, (self, other) => graph.RunsAfter[other].Add(self));
        }

        return graph;
    }

    /// <summary>One cycle path per strongly connected component, starting at its first declared target: <c>A -> B -> A</c>.</summary>
    public IEnumerable<IReadOnlyList<string>> FindCycles()
    {
        foreach (var component in StronglyConnectedComponents())
        {
            var start = component.MinBy(n => Index[n])!;
            if (component.Count == 1 && !RunsAfter[start].Contains(start))
                continue;
            yield return PathBack(start, component);
        }
    }

    private void Need(string target, string dependency)
    {
        Dependencies[target].Add(dependency);
        RunsAfter[target].Add(dependency);
    }

    private void Trigger(string target, string triggered)
    {
        Triggered[target].Add(triggered);
        RunsAfter[triggered].Add(target);
    }

    private void Add(TargetSpec target, string relation, IEnumerable<string> others, Action<string, string> connect)
    {
        foreach (var other in others)
        {
            if (Index.ContainsKey(other))
                connect(target.Name, other);
            else
                Errors.Add($"Target '{target.Name}' {relation} '{other}', which is not defined.{NameSuggestions.DidYouMean(other, Index.Keys)}");
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
            foreach (var next in RunsAfter[current].Where(component.Contains).Distinct().OrderBy(n => Index[n]))
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
            foreach (var next in RunsAfter[node])
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

        foreach (var node in Index.OrderBy(p => p.Value).Select(p => p.Key))
        {
            if (!indices.ContainsKey(node))
                Visit(node);
        }

        return components;
    }
}
