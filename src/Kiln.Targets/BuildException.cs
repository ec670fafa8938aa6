namespace Kiln.Targets;

/// <summary>
/// A failure whose message says everything the user needs (which file, which field, what to do); the console prints
/// the message without a stack trace.
/// </summary>
public class BuildException : Exception
{
    public BuildException(string message) : base(message) { }

    public BuildException(string message, Exception inner) : base(message, inner) { }
}
