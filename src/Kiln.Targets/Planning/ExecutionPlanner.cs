using Kiln.Targets.Foundation;

namespace Kiln.Targets.Planning;

/// <summary>
/// Pure planning: (targets, requested names) -> ordered plan, or every graph error at once.
/// Declaration order breaks ties, so the same build always runs in the same order.
/// </summary>
internal static class ExecutionPlanner
{
    public static ExecutionPlan Plan(IReadOnlyList<TargetSpec> targets, IReadOnlyList<string> requested)
    {
        var graph = TargetGraph.From(targets);
        var errors = new List<string>(graph.Errors);

        foreach (var name in requested.Where(name => !graph.Index.ContainsKey(name)))
            errors.Add($"Unknown target '{name}'.{NameSuggestions.DidYouMean(name, graph.Index.Keys)}");

        errors.AddRange(graph.Ordering.FindCycles().Select(cycle => $"Cycle: {string.Join(" -> ", cycle)}"));

        if (errors.Count > 0)
            throw new PlanningException(errors);

        var scheduled = Schedule(graph, requested);
        return new ExecutionPlan(graph.Ordering.Order(scheduled), NeedsOf(graph, scheduled));
    }

    /// <summary>
    /// Targets skipped up front (by <c>--skip</c> or a false static condition) skip, in cascade, the targets that only
    /// they needed, unless the skipped target asked for its dependencies to run anyway or the dependency was requested.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CascadeSkips(
        IReadOnlyList<TargetSpec> targets,
        ExecutionPlan plan,
        IReadOnlyCollection<string> requested,
        IReadOnlyDictionary<string, string> skipped)
    {
        var behaviour = targets.ToDictionary(t => t.Name, t => t.WhenSkipped);
        var result = new Dictionary<string, string>(skipped);
        bool changed;
        do
        {
            changed = false;
            foreach (var name in plan.Order.Where(n => !result.ContainsKey(n) && !requested.Contains(n)))
            {
                var neededBy = plan.Order.Where(other => plan.Needs[other].Contains(name)).ToList();
                if (neededBy.Count == 0 || !neededBy.All(result.ContainsKey))
                    continue;
                if (neededBy.Any(other => behaviour[other] == DependencyBehavior.Execute))
                    continue;
                result[name] = $"only needed by skipped {string.Join(", ", neededBy)}";
                changed = true;
            }
        } while (changed);

        return result;
    }

    private static HashSet<string> Schedule(TargetGraph graph, IEnumerable<string> requested)
    {
        var scheduled = new HashSet<string>();
        var pending = new Stack<string>(requested);
        while (pending.TryPop(out var name))
        {
            if (!scheduled.Add(name))
                continue;
            foreach (var next in graph.Dependencies[name].Concat(graph.Triggered[name]))
                pending.Push(next);
        }

        return scheduled;
    }

    private static Dictionary<string, IReadOnlySet<string>> NeedsOf(TargetGraph graph, HashSet<string> scheduled) =>
        scheduled.ToDictionary(n => n, n => (IReadOnlySet<string>)graph.Dependencies[n].Where(scheduled.Contains).ToHashSet());
}
