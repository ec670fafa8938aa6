using Kiln.Targets.Foundation;

namespace Kiln.Targets.Configuration;

/// <summary>
/// Under CI a generated file differs from what the build code generates: the committed CI or IDE configuration has
/// drifted from the build. The message names every file and shows the diff.
/// </summary>
internal sealed class StaleGeneratedFilesException(IReadOnlyList<GeneratedFileChange> changes)
    : BuildException(Describe(changes))
{
    public IReadOnlyList<GeneratedFileChange> Changes { get; } = changes;

    private static string Describe(IReadOnlyList<GeneratedFileChange> changes) =>
        $"{changes.Count} generated file(s) are stale: {string.Join(", ", changes.Select(change => $"{change.RelativePath} ({change.Describe()})"))}.\n"
        + "Run ./build.sh --generate-configuration and commit the result.\n\n"
        + string.Concat(changes.Select(change => change.Diff));
}
