namespace SysReport.Install;

internal sealed record BundledTool
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string SourcePackage { get; init; }

    public required string Licence { get; init; }

    public required IReadOnlyList<string> Binaries { get; init; }
}
