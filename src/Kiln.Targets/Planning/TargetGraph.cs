using Kiln.Targets.Foundation;

namespace Kiln.Targets.Planning;

/// <summary>Every relation normalised to three kinds of edges: needs (schedules), triggers (schedules), runs-after (orders).</summary>
internal sealed class TargetGraph
{
    private TargetGraph(IReadOnlyList<TargetSpec> targets)
    {
        Targets = targets;
        Ordering = new DependencyGraph(targets.Select(t => t.Name));
        Dependencies = Ordering.Index.Keys.ToDictionary(n => n, _ => new List<string>());
        Triggered = Dependencies.Keys.ToDictionary(n => n, _ => new List<string>());
    }

    public IReadOnlyList<TargetSpec> Targets { get; }

    /// <summary>Every target in declaration order with its runs-after edges (needs, triggers and explicit orderings).</summary>
    public DependencyGraph Ordering { get; }

    public IReadOnlyDictionary<string, int> Index => Ordering.Index;
    public Dictionary<string, List<string>> Dependencies { get; }
    public Dictionary<string, List<string>> Triggered { get; }
    public List<string> Errors { get; } = [];

    public static TargetGraph From(IReadOnlyList<TargetSpec> targets)
    {
        var graph = new TargetGraph(targets);
        foreach (var duplicate in targets.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            graph.Errors.Add($"Target '{duplicate.Key}' is defined {duplicate.Count()} times{DeclaredBy(duplicate)}.");

        foreach (var target in targets)
        {
            graph.Add(target, "depends on", target.DependsOn, (self, other) => graph.Need(self, other));
            graph.Add(target, "is dependent for", target.DependentFor, (self, other) => graph.Need(other, self));
            graph.Add(target, "triggers", target.Triggers, (self, other) => graph.Trigger(self, other));
            graph.Add(target, "is triggered by", target.TriggeredBy, (self, other) => graph.Trigger(other, self));
            graph.Add(target, "runs after", target.After, (self, other) => graph.Ordering.AddEdge(self, other));
            graph.Add(target, "runs before", target.Before, (self, other) => graph.Ordering.AddEdge(other, self));
        }

        return graph;
    }

    /// <summary>", by ICompile and IPack: implement it in the build class to say which one runs" when known.</summary>
    private static string DeclaredBy(IEnumerable<TargetSpec> duplicates)
    {
        var declarers = duplicates.Select(t => t.DeclaredBy).OfType<string>().ToList();
        return declarers.Count == 0
            ? ""
            : $", by {string.Join(" and ", declarers)}: implement it once in the build class, reusing a definition with Inherit<T>(x => x.Target)";
    }

    private void Need(string target, string dependency)
    {
        Dependencies[target].Add(dependency);
        Ordering.AddEdge(target, dependency);
    }

    private void Trigger(string target, string triggered)
    {
        Triggered[target].Add(triggered);
        Ordering.AddEdge(triggered, target);
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
}
