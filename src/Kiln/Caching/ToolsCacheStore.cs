using System.Text.RegularExpressions;

namespace Kiln.Caching;

/// <summary>
/// The local tools cache: <c>&lt;root&gt;/&lt;arch&gt;/&lt;fingerprint&gt;.tgz</c> plus <c>&lt;fingerprint&gt;.json</c>.
/// Safe for several processes at once. Committed entries are immutable: a save never replaces a committed entry,
/// it only publishes a missing one (archive first, metadata last, each by fsync + rename) under a per-key
/// <see cref="KeyLock"/> held for those two renames only. Readers take no lock, so they never wait on a writer; they
/// verify the archive's SHA-256 and size against the metadata before using it.
/// </summary>
internal sealed partial class ToolsCacheStore
{
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;
    public const string DefaultDirectoryName = "tools-cache";
    private const string QuarantineDirectoryName = "quarantine";
    private const string LockDirectoryName = ".locks";
    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <param name="root">The store's directory, created on the first save.</param>
    /// <param name="maxBytes">Size cap of all archives together; least recently used entries beyond it are evicted after a save.</param>
    /// <param name="lockTimeout">How long a save waits for another process publishing the same key (default 30 s).</param>
    public ToolsCacheStore(string root, long maxBytes = DefaultMaxBytes, TimeSpan? lockTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        Root = Path.GetFullPath(root);
        MaxBytes = maxBytes;
        LockTimeout = lockTimeout ?? DefaultLockTimeout;
    }

    public string Root { get; }

    public long MaxBytes { get; }

    public TimeSpan LockTimeout { get; }

    public string ArchivePath(string arch, string fingerprint) => Path.Combine(ArchDirectory(arch), Key(fingerprint) + ".tgz");

    public string MetadataPath(string arch, string fingerprint) => Path.Combine(ArchDirectory(arch), Key(fingerprint) + ".json");

    /// <summary>Deletes every entry. Metadata goes first, so a concurrent reader sees a miss, never half an entry.</summary>
    public void Clear()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var metadata in Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories))
            File.Delete(metadata);
        Directory.Delete(Root, recursive: true);
    }

    private string ArchDirectory(string arch) => Path.Combine(Root, Arch(arch));

    private string LockPath(string arch, string fingerprint) => Path.Combine(ArchDirectory(arch), LockDirectoryName, fingerprint + ".lock");

    private string QuarantineDirectory(string arch) => Path.Combine(ArchDirectory(arch), QuarantineDirectoryName);

    private static string Arch(string arch) =>
        ArchPattern().IsMatch(arch) ? arch : throw new ArgumentException($"'{arch}' is not an architecture name such as x86_64 or aarch64.", nameof(arch));

    private static string Key(string fingerprint) =>
        FingerprintPattern().IsMatch(fingerprint) ? fingerprint : throw new ArgumentException($"'{fingerprint}' is not a fingerprint (64 lowercase hex digits).", nameof(fingerprint));

    /// <summary>The per-key publication lock; the concurrency tests also take it to play a stopped or killed publisher.</summary>
    internal KeyLock AcquireLock(string arch, string fingerprint)
    {
        var path = LockPath(arch, Key(fingerprint));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return KeyLock.TryAcquire(path, LockTimeout)
            ?? throw new IOException($"Another process has held the tools cache lock '{path}' for more than {LockTimeout.TotalSeconds:0} s while publishing; it is probably stopped.");
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex ArchPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex FingerprintPattern();
}
