namespace Kiln.Targets.Configuration;

/// <param name="RelativePath">Relative to the repository root, with forward slashes.</param>
/// <param name="Content">UTF-8 text with <c>\n</c> line endings and a final newline.</param>
internal sealed record GeneratedFile(string RelativePath, string Content);
