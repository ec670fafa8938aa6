namespace Kiln.Targets.Planning;

/// <summary>A target's configured definition together with its planner view (relations as names).</summary>
internal sealed record DiscoveredTarget(TargetDefinition Definition, TargetSpec Spec)
{
    public string Name => Definition.Name;
}
