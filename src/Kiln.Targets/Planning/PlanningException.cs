using Kiln.Targets.Foundation;

namespace Kiln.Targets.Planning;

/// <summary>Every error found in the target graph, reported together before anything runs.</summary>
internal sealed class PlanningException(IReadOnlyList<string> errors)
    : BuildException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
