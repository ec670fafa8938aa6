namespace Kiln.Caching.Remote;

/// <summary>
/// What one upload sent: its bytes, how many of its blobs the server already had (and were not sent), and whether the
/// server already held the whole entry, so that nothing was sent.
/// </summary>
internal readonly record struct UploadedBlobs(long Bytes, int AlreadyThere)
{
    public bool EntryWasThere { get; init; }

    /// <summary>Set when the server's entry for the key has other bytes than this build made.</summary>
    public Divergence? Divergence { get; init; }

    public static UploadedBlobs EntryAlreadyThere => new() { EntryWasThere = true };

    public UploadedBlobs Sent(long bytes) => this with { Bytes = Bytes + bytes };

    public UploadedBlobs Skipped() => this with { AlreadyThere = AlreadyThere + 1 };
}
