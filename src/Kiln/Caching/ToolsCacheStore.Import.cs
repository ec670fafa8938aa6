namespace Kiln.Caching;

internal sealed partial class ToolsCacheStore
{
    /// <summary>
    /// A new file beside the entry's archive, for another tier to download an archive into: importing it is then a
    /// rename on one file system. The caller deletes it if it does not import it.
    /// </summary>
    public string StagingPath(string scope, string fingerprint)
    {
        var archivePath = ArchivePath(scope, fingerprint);
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        return DurableFile.TemporaryPathFor(archivePath);
    }

    /// <summary>
    /// Publishes an entry fetched from another tier, whose fsynced archive is at <paramref name="stagedArchive"/>
    /// (from <see cref="StagingPath"/>) and whose metadata is <paramref name="metadataJson"/>, kept byte for byte
    /// (signature included): archive first, metadata last, like a save. An entry committed first is kept. The caller
    /// has checked the archive and the metadata against the key; a later local restore checks them again.
    /// </summary>
    public ToolsCacheEntry Import(ToolsCacheEntry entry, string metadataJson, string stagedArchive)
    {
        ToolsCacheEntry committed;
        using (AcquireLock(entry.Scope, entry.Fingerprint))
        {
            committed = CommittedEntry(entry.Scope, entry.Fingerprint) ?? PublishImported(entry, metadataJson, stagedArchive);
        }

        Evict(keep: committed);
        return committed;
    }

    private ToolsCacheEntry PublishImported(ToolsCacheEntry entry, string metadataJson, string stagedArchive)
    {
        DurableFile.Publish(stagedArchive, ArchivePath(entry.Scope, entry.Fingerprint));
        DurableFile.WriteAllText(MetadataPath(entry.Scope, entry.Fingerprint), metadataJson);
        return entry with { LastUsed = DateTimeOffset.UtcNow };
    }
}
