namespace Kiln.Targets.Configuration;

internal enum GeneratedFileChangeKind
{
    Created,
    Updated,
    Removed,
}

/// <param name="Diff">Unified-style diff from the file on disk to the generated content.</param>
internal sealed record GeneratedFileChange(string RelativePath, GeneratedFileChangeKind Kind, string Diff)
{
    public string Describe() => Kind switch
    {
        GeneratedFileChangeKind.Created => "missing",
        GeneratedFileChangeKind.Updated => "differs",
        _ => "no longer generated",
    };
}
