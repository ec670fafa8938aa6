namespace Kiln.Caching;

internal enum ToolsCacheOutcome
{
    /// <summary>A verified entry was extracted into the destination.</summary>
    Hit,

    /// <summary>No entry for this key; the destination is untouched.</summary>
    Miss,

    /// <summary>An entry existed but failed verification; it was moved aside and the destination is untouched.</summary>
    Corrupt,
}

/// <summary>What <see cref="IToolsCacheStore.TryRestoreAsync"/> did. On anything but a hit the caller rebuilds.</summary>
/// <param name="Reason">Why it was a miss or why the entry was refused, in words for the build log.</param>
/// <param name="QuarantinedTo">Where a corrupt entry's files were moved, if they were.</param>
internal sealed record ToolsCacheRestoreResult(
    ToolsCacheOutcome Outcome,
    ToolsCacheEntry? Entry,
    string? Reason,
    string? QuarantinedTo)
{
    /// <summary>The tier a hit came from: <see cref="LocalTier"/> or <see cref="RemoteTier"/>, for the summary.</summary>
    public string Tier { get; init; } = LocalTier;

    public const string LocalTier = "local";
    public const string RemoteTier = "remote";

    public bool IsHit => Outcome == ToolsCacheOutcome.Hit;

    public bool IsRemoteHit => IsHit && Tier == RemoteTier;

    public static ToolsCacheRestoreResult Hit(ToolsCacheEntry entry) => new(ToolsCacheOutcome.Hit, entry, null, null);

    public static ToolsCacheRestoreResult Miss(string reason) => new(ToolsCacheOutcome.Miss, null, reason, null);

    public static ToolsCacheRestoreResult Corrupt(string reason, string? quarantinedTo) =>
        new(ToolsCacheOutcome.Corrupt, null, reason, quarantinedTo);
}
