namespace Kiln.Targets.Configuration;

/// <summary>A build attribute or model that cannot be turned into configuration files; the message names the attribute and property.</summary>
internal sealed class InvalidBuildConfigurationException(string message) : BuildException(message);
