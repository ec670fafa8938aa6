using System.IO.Enumeration;
using Kiln.Targets.Fingerprints;
using Kiln.Targets.Foundation;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Kiln.Targets.Incremental;

/// <summary>
/// The up-to-date checks of targets that declare inputs and outputs, against the record of each one's last successful
/// run under <c>.nuke/temp/targets/</c>. Files are digested through a stat cache per target: a file whose status
/// (size, mtime, ctime, inode, mode) is unchanged and was not racily clean is not read again; any other is re-hashed.
/// Paths under the root are recorded relative to it, so the words in a reason are the ones a user would type.
/// </summary>
internal sealed class TargetRecords(AbsolutePath root, AbsolutePath directory)
{
    public string RecordPath(string target) => directory / $"{target}.json";

    private string StatCachePath(string target) => directory / $"{target}.statcache";

    public async Task<UpToDateCheck> CheckAsync(string target, TargetDeclarations declarations, CancellationToken cancellationToken)
    {
        var declared = new List<TargetInputs>();
        foreach (var inputs in declarations.Inputs)
            declared.Add(await inputs(cancellationToken));

        return await Task.Run(() => Check(target, declared, declarations, cancellationToken), cancellationToken);
    }

    /// <summary>No record until the run succeeds: whatever happens while it runs, the next run cannot take it as up to date.</summary>
    public void Forget(string target) => File.Delete(RecordPath(target));

    /// <summary>Records the run that just succeeded: the inputs it started from and the outputs it left.</summary>
    public void Record(string target, TargetDeclarations declarations, UpToDateCheck check)
    {
        var statCache = StatCache.Load(StatCachePath(target), root);
        var outputs = Digest(OutputFiles(declarations), statCache, StatCache.NowNs(), CancellationToken.None);
        new TargetRecord(check.Inputs, new FingerprintInputs(new Dictionary<string, string>(), outputs)).Write(RecordPath(target));
        SaveStatCache(target, statCache, check.Inputs, outputs.Keys);
    }

    private UpToDateCheck Check(string target, IReadOnlyList<TargetInputs> declared, TargetDeclarations declarations, CancellationToken cancellationToken)
    {
        var statCache = StatCache.Load(StatCachePath(target), root);
        var recordedAtNs = StatCache.NowNs();
        var named = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var inputs in declared)
        {
            foreach (var (name, value) in inputs.NamedValues)
                named[name] = value;
        }

        var inputFiles = declared.SelectMany(inputs => inputs.FileSets).SelectMany(InputFiles).Distinct().ToList();
        var current = new FingerprintInputs(named, Digest(inputFiles, statCache, recordedAtNs, cancellationToken));
        var previous = TargetRecord.Read(RecordPath(target));
        if (previous is null)
            return Done(new UpToDateCheck(false, "no successful run is recorded", current));

        var inputChanges = FingerprintDiff.Between(previous.Inputs, current);
        if (!inputChanges.IsEmpty)
            return Done(new UpToDateCheck(false, $"inputs changed: {Sentence(inputChanges)}", current));

        var outputs = new FingerprintInputs(new Dictionary<string, string>(), Digest(OutputFiles(declarations), statCache, recordedAtNs, cancellationToken));
        var outputChanges = FingerprintDiff.Between(previous.Outputs, outputs);
        if (!outputChanges.IsEmpty)
            return Done(new UpToDateCheck(false, $"outputs changed since it ran: {Sentence(outputChanges)}", current), outputs.Files.Keys);

        var reason = $"inputs unchanged ({current.Key[..12]}), {outputs.Files.Count} {(outputs.Files.Count == 1 ? "output" : "outputs")} intact";
        return Done(new UpToDateCheck(true, reason, current), outputs.Files.Keys);

        UpToDateCheck Done(UpToDateCheck check, IEnumerable<string>? outputPaths = null)
        {
            // Keep the outputs' entries too: Record reads the same cache right after the run.
            SaveStatCache(target, statCache, current, outputPaths ?? previous?.Outputs.Files.Keys ?? []);
            return check;
        }
    }

    private void SaveStatCache(string target, StatCache statCache, FingerprintInputs inputs, IEnumerable<string> outputPaths)
    {
        if (statCache.HasChanges)
            statCache.Save(StatCachePath(target), inputs.Files.Keys.Concat(outputPaths));
    }

    private static string Sentence(FingerprintDiff diff) => diff.ToParagraph().TrimEnd('.');

    private IEnumerable<string> InputFiles(TargetInputs.FileInputs inputs)
    {
        if (inputs.Patterns.Count == 0)
            return File.Exists(inputs.Path) ? [inputs.Path.Value] : [];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(inputs.Patterns.Where(pattern => !pattern.StartsWith('!')));
        var exclusions = inputs.Patterns.Where(pattern => pattern.StartsWith('!')).Select(pattern => pattern[1..]).ToList();
        return matcher.Execute(new DirectoryInfoWrapper(new DirectoryInfo(inputs.Path))).Files
            .Where(match => !exclusions.Any(exclusion => FileSystemName.MatchesSimpleExpression(exclusion, match.Path, ignoreCase: false)))
            .Select(match => Path.GetFullPath(Path.Combine(inputs.Path, match.Path)));
    }

    private static IEnumerable<string> OutputFiles(TargetDeclarations declarations) =>
        declarations.Outputs.SelectMany(outputs => outputs()).SelectMany(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            : File.Exists(path) ? [path.Value] : []).Distinct();

    private Dictionary<string, FileDigest> Digest(IEnumerable<string> fullPaths, StatCache statCache, long recordedAtNs, CancellationToken cancellationToken)
    {
        var paths = fullPaths.ToList();
        var digests = new FileDigest[paths.Count];
        try
        {
            Parallel.For(
                0,
                paths.Count,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                index => digests[index] = Fingerprinter.Digest(paths[index], Named(paths[index]), statCache, recordedAtNs));
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count > 0)
        {
            // The user wants to know which file failed (vanished, unreadable), not that a parallel loop did.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerExceptions[0]);
        }

        var files = new Dictionary<string, FileDigest>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
            files[Named(paths[i])] = digests[i];
        return files;
    }

    /// <summary>A path under the root relative to it, with <c>/</c>; any other path whole.</summary>
    private string Named(string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative.Replace('\\', '/');
    }
}
