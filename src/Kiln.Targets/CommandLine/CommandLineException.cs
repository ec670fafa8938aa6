using Kiln.Targets.Foundation;

namespace Kiln.Targets.CommandLine;

/// <summary>The command line cannot be understood; the message says which word and what was expected.</summary>
internal sealed class CommandLineException(string message) : BuildException(message);
