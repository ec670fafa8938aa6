using Kiln.Targets.Foundation;

namespace Kiln.Tools.Sources;

/// <summary>A downloaded source package whose digest differs from its pin; names the tool, the file and both digests.</summary>
internal sealed class SourceVerificationException(string tool, string file, string expectedSha256, string actualSha256, string pinnedBy)
    : BuildException($"{tool}: {file} has SHA-256 {actualSha256}, but {pinnedBy} pins {expectedSha256}")
{
    public string Tool { get; } = tool;

    public string ExpectedSha256 { get; } = expectedSha256;

    public string ActualSha256 { get; } = actualSha256;
}
