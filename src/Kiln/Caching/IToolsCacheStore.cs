using Kiln.Targets.Fingerprints;

namespace Kiln.Caching;

/// <summary>
/// A tier of the tools cache: entries keyed by (scope, fingerprint), each an archive of a directory plus the inputs that
/// produced it. Every tier verifies what it restores and publishes atomically, so tiers can be layered (local first,
/// then a shared one) without any of them trusting another.
/// </summary>
internal interface IToolsCacheStore
{
    /// <summary>Extracts the verified entry into <paramref name="destination"/> (replaced); anything else leaves it untouched.</summary>
    Task<ToolsCacheRestoreResult> TryRestoreAsync(string scope, string fingerprint, string destination, CancellationToken cancellationToken = default);

    /// <summary>Packs <paramref name="sourceDirectory"/> and publishes it as the entry; an entry committed first by another process is kept.</summary>
    Task<ToolsCacheEntry> SaveAsync(
        string scope,
        string fingerprint,
        FingerprintInputs inputs,
        string sourceDirectory,
        IReadOnlyDictionary<string, string>? summary = null,
        CancellationToken cancellationToken = default);

    /// <summary>The entry of <paramref name="scope"/> whose inputs differ least from <paramref name="inputs"/>, to explain a miss.</summary>
    ToolsCacheNearest? FindNearest(string scope, FingerprintInputs inputs);

    /// <summary>Deletes every entry.</summary>
    void Clear();
}
