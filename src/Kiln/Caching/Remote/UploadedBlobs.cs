namespace Kiln.Caching.Remote;

/// <summary>What one upload sent: its bytes, and how many of its blobs the server already had (and were not sent).</summary>
internal readonly record struct UploadedBlobs(long Bytes, int AlreadyThere)
{
    public UploadedBlobs Sent(long bytes) => this with { Bytes = Bytes + bytes };

    public UploadedBlobs Skipped() => this with { AlreadyThere = AlreadyThere + 1 };
}
