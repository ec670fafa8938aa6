using System.IO.Enumeration;

namespace Kiln.Targets.Fingerprints;

/// <summary>
/// Computes <see cref="FingerprintInputs"/> for a directory tree plus named values. Only content counts: paths are
/// relative to the root, mtimes and owners are ignored, so a touched file or another checkout keeps the key.
/// Unchanged files are not read again when a stat cache file is given; the rest are hashed in parallel.
/// </summary>
public static class Fingerprinter
{
    /// <param name="root">The tree whose every file is an input (e.g. <c>tools/</c>).</param>
    /// <param name="named">Named inputs (arch, executor, toolchain identity, parameters, ...).</param>
    /// <param name="statCachePath">Where the stat cache lives (e.g. <c>.nuke/temp/tools.statcache</c>); null disables it.</param>
    public static Task<FingerprintInputs> ComputeAsync(
        string root,
        IReadOnlyDictionary<string, string> named,
        string? statCachePath = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => Compute(root, named, statCachePath, cancellationToken), cancellationToken);

    public static FingerprintInputs Compute(
        string root,
        IReadOnlyDictionary<string, string> named,
        string? statCachePath = null,
        CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"Cannot fingerprint '{root}': the directory does not exist.");

        var recordedAtNs = StatCache.NowNs();
        var statCache = statCachePath is null ? StatCache.Empty(fullRoot) : StatCache.Load(statCachePath, fullRoot);
        var paths = ListFiles(fullRoot);
        var digests = new FileDigest[paths.Count];
        try
        {
            Parallel.For(
                0,
                paths.Count,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                index => digests[index] = Digest(fullRoot + "/" + paths[index], paths[index], statCache, recordedAtNs));
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0)
        {
            // The caller wants to know which file failed (vanished, unreadable), not that a parallel loop did.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerExceptions[0]);
        }

        // An unchanged cache (nothing re-hashed, no file gone) is not rewritten: that write would be most of a warm run.
        if (statCachePath is not null && (statCache.HasChanges || statCache.Count != digests.Count(digest => digest.SymlinkTarget is null)))
            statCache.Save(statCachePath, paths);

        var files = new Dictionary<string, FileDigest>(paths.Count, StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
            files.Add(paths[i], digests[i]);
        return new FingerprintInputs(named, files);
    }

    /// <summary>SHA-256 of one file's content, e.g. the builder Dockerfile as a named input.</summary>
    public static string HashFile(string path) => ContentHash.OfFile(path);

    /// <summary>
    /// One file's digest, read from <paramref name="statCache"/> under <paramref name="cacheKey"/> when its status proves it
    /// unchanged, else hashed and recorded there as of <paramref name="recordedAtNs"/> (taken before the status was read).
    /// </summary>
    public static FileDigest Digest(string fullPath, string cacheKey, StatCache statCache, long recordedAtNs)
    {
        var stat = FileStat.Read(fullPath);
        if (stat.IsSymlink)
            return FileDigest.Symlink(new FileInfo(fullPath).LinkTarget ?? string.Empty);
        if (!stat.IsRegularFile)
            throw new IOException($"Cannot fingerprint '{fullPath}': only regular files, directories and symlinks are inputs.");
        if (!statCache.TryGet(cacheKey, stat, out var sha256))
        {
            sha256 = ContentHash.OfFile(fullPath);
            statCache.Set(cacheKey, stat, recordedAtNs, sha256);
        }

        return FileDigest.Regular(sha256, stat.IsExecutable);
    }

    /// <summary>Every non-directory below the root, relative and <c>/</c>-separated; symlinked directories are listed, not entered.</summary>
    public static List<string> ListFiles(string root)
    {
        var prefixLength = root.Length + 1;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            ReturnSpecialDirectories = false,
        };
        var files = new FileSystemEnumerable<string>(root, (ref entry) => entry.ToFullPath()[prefixLength..], options)
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory || (entry.Attributes & FileAttributes.ReparsePoint) != 0,
            ShouldRecursePredicate = (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files.ToList();
    }
}
