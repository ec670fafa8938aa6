namespace Kiln.Targets.Configuration;

/// <summary>
/// Every action the generated workflows use, in one table so an upgrade is one reviewed line.
/// The SHA is the commit the version tag points to; the version is written next to it as a comment.
/// </summary>
internal static class PinnedActions
{
    public static readonly PinnedAction Checkout = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    public static readonly PinnedAction SetupDotnet = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");
    public static readonly PinnedAction Cache = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");
    public static readonly PinnedAction CacheRestore = Cache.SubAction("restore");
    public static readonly PinnedAction CacheSave = Cache.SubAction("save");
    public static readonly PinnedAction UploadArtifact = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    public static readonly PinnedAction DownloadArtifact = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");
    public static readonly PinnedAction AttestBuildProvenance = new("actions/attest-build-provenance", "4d101475d8b20a2381f78447822ac1eab6504dd8", "v4.2.2");
    public static readonly PinnedAction GhRelease = new("softprops/action-gh-release", "da05d552573ad5aba039eaac05058a918a7bf631", "v2.2.2");

    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotnet, Cache, CacheRestore, CacheSave, UploadArtifact, DownloadArtifact, AttestBuildProvenance, GhRelease];

    public static PinnedAction? FindByReference(string reference) => All.FirstOrDefault(action => action.Reference == reference);
}
