using Kiln.Targets.Foundation;

namespace Kiln.Targets.Configuration;

/// <summary>
/// A build attribute or model that cannot be turned into configuration files; each message names the attribute and
/// property. Problems found together are reported together, so one run shows every fix to make.
/// </summary>
internal sealed class InvalidBuildConfigurationException(IReadOnlyList<string> errors)
    : BuildException(string.Join(Environment.NewLine, errors))
{
    public InvalidBuildConfigurationException(string message) : this([message]) { }

    public IReadOnlyList<string> Errors { get; } = errors;
}
