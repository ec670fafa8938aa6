namespace Kiln.Targets.Planning;

/// <summary>A target as the planner sees it: a name and its relations to other names. Plain data, easy to test.</summary>
internal sealed record TargetSpec(string Name)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public IReadOnlyList<string> DependentFor { get; init; } = [];
    public IReadOnlyList<string> After { get; init; } = [];
    public IReadOnlyList<string> Before { get; init; } = [];
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public IReadOnlyList<string> TriggeredBy { get; init; } = [];
    public DependencyBehavior WhenSkipped { get; init; } = DependencyBehavior.Skip;

    /// <summary>The class or component interface whose definition this is, named when two define the same target.</summary>
    public string? DeclaredBy { get; init; }
}
