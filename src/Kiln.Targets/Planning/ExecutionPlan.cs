namespace Kiln.Targets.Planning;

/// <summary>The scheduled targets in the order they run, and for each the scheduled targets it needs.</summary>
internal sealed record ExecutionPlan(IReadOnlyList<string> Order, IReadOnlyDictionary<string, IReadOnlySet<string>> Needs)
{
    public bool Contains(string name) => Needs.ContainsKey(name);
}
