namespace SysReport.Install;

/// <summary>The <c>manifest.json</c> at the root of an unpacked release archive.</summary>
internal sealed record DistManifest
{
    public required string Version { get; init; }

    public required string Commit { get; init; }

    public required string Date { get; init; }

    public required string Arch { get; init; }

    public required IReadOnlyList<BundledTool> Tools { get; init; }

    /// <summary>Data files at the release's root, such as pci.ids; null in releases from before them.</summary>
    public IReadOnlyList<BundledData>? Data { get; init; }
}
