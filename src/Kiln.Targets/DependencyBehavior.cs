namespace Kiln.Targets;

/// <summary>What a target skipped by its static condition does to dependencies that nothing else scheduled needs.</summary>
public enum DependencyBehavior
{
    /// <summary>Skip them too: their only purpose was this target.</summary>
    Skip,

    /// <summary>Run them anyway.</summary>
    Execute,
}
