namespace Kiln.Targets.Results;

/// <summary>A target's action threw; wraps the cause so the report names the target.</summary>
internal sealed class TargetFailedException(string target, Exception cause)
    : Exception($"Target '{target}' failed: {cause.Message}", cause)
{
    public string Target { get; } = target;
}
