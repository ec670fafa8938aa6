namespace SysReport.Install;

/// <summary>A data file the release ships at its root; <see cref="File"/> is relative to that root.</summary>
internal sealed record BundledData
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string SourcePackage { get; init; }

    public required string Licence { get; init; }

    public required string File { get; init; }
}
