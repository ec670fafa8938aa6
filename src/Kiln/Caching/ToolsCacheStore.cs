using System.Text.RegularExpressions;

namespace Kiln.Caching;

/// <summary>
/// The local tools cache: <c>&lt;root&gt;/&lt;scope&gt;/&lt;fingerprint&gt;.tgz</c> plus <c>&lt;fingerprint&gt;.json</c>. A scope is an arch
/// (<c>x86_64</c>) for the entry of a whole arch, or <c>&lt;arch&gt;.&lt;tool&gt;</c> for the entry of one tool.
/// Safe for several processes at once. Committed entries are immutable: a save never replaces a committed entry,
/// it only publishes a missing one (archive first, metadata last, each by fsync + rename) under a per-key
/// <see cref="KeyLock"/> held for those two renames only. Readers take no lock, so they never wait on a writer; they
/// verify the archive's SHA-256 and size against the metadata, and its signature when keys are trusted (<see cref="Trust"/>), before using it.
/// </summary>
internal sealed partial class ToolsCacheStore : IToolsCacheStore
{
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;
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

    /// <summary>Which key signs this store's entries and which signatures a restore accepts; by default none and all.</summary>
    public EntryTrust Trust { get; init; } = EntryTrust.None;

    public string ArchivePath(string scope, string fingerprint) => Path.Combine(ScopeDirectory(scope), Key(fingerprint) + ".tgz");

    public string MetadataPath(string scope, string fingerprint) => Path.Combine(ScopeDirectory(scope), Key(fingerprint) + ".json");

    /// <summary>Deletes every entry. Metadata goes first, so a concurrent reader sees a miss, never half an entry.</summary>
    public void Clear()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var metadata in Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories))
            File.Delete(metadata);
        Directory.Delete(Root, recursive: true);
    }

    private string ScopeDirectory(string scope) => Path.Combine(Root, Scope(scope));

    private string LockPath(string scope, string fingerprint) => Path.Combine(ScopeDirectory(scope), LockDirectoryName, fingerprint + ".lock");

    private string QuarantineDirectory(string scope) => Path.Combine(ScopeDirectory(scope), QuarantineDirectoryName);

    private static string Scope(string scope) =>
        ScopePattern().IsMatch(scope) ? scope : throw new ArgumentException($"'{scope}' is not a cache scope name such as x86_64 or x86_64.stress.", nameof(scope));

    private static string Key(string fingerprint) =>
        FingerprintPattern().IsMatch(fingerprint) ? fingerprint : throw new ArgumentException($"'{fingerprint}' is not a fingerprint (64 lowercase hex digits).", nameof(fingerprint));

    /// <summary>The per-key publication lock; the concurrency tests also take it to play a stopped or killed publisher.</summary>
    internal KeyLock AcquireLock(string scope, string fingerprint)
    {
        var path = LockPath(scope, Key(fingerprint));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return KeyLock.TryAcquire(path, LockTimeout)
            ?? throw new IOException($"Another process has held the tools cache lock '{path}' for more than {LockTimeout.TotalSeconds:0} s while publishing; it is probably stopped.");
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex FingerprintPattern();
}
