namespace Kiln.Targets.Foundation;

/// <summary>
/// The one family of errors meant for users: a failure whose message says everything the user needs (which file,
/// which field, what to do). The console prints the message without a stack trace; any other exception is reported
/// as a bug, with its stack trace.
/// </summary>
public class BuildException : Exception
{
    public BuildException(string message) : base(message) { }

    public BuildException(string message, Exception inner) : base(message, inner) { }
}
