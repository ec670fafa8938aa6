using Kiln.Targets.Foundation;

namespace Kiln.Targets.Parameters;

/// <summary>Every parameter that could not be bound, each message naming the parameter, where the value came from and what is allowed.</summary>
internal sealed class ParameterException(IReadOnlyList<string> errors)
    : BuildException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
