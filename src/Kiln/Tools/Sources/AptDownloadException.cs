using Kiln.Targets.Foundation;

namespace Kiln.Tools.Sources;

/// <summary>
/// The packages apt could not download in one call, each with apt's failure; the call still downloaded the others, so
/// a caller with another source (the snapshot archive) asks it for exactly these.
/// </summary>
internal sealed class AptDownloadException(IReadOnlyList<AptDownloadException.Failure> failures)
    : BuildException(string.Join(Environment.NewLine, failures.Select(f => f.Message)))
{
    /// <summary>One package apt did not deliver: its recipe name and the message saying how apt failed.</summary>
    public sealed record Failure(string Name, string Message);

    public IReadOnlyList<Failure> Failures { get; } = failures;
}
