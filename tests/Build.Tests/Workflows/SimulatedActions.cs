using System.Globalization;
using System.Text.RegularExpressions;

namespace Build.Tests.Workflows;

/// <summary>
/// The actions the generated workflows use, played on this machine: the cache service and artifact storage are folders
/// under the simulation's state directory, with the matching rules the actions document (a restore hits on the exact key,
/// else restores the newest entry whose key starts with it, then with each restore-keys prefix in turn, and only among
/// entries saved with the same paths, as written; a <c>*</c> in a path's last name matches folders; an entry is never
/// overwritten; artifact names are unique within a run). Checkout and .NET set-up are no-ops: the job already has a
/// fresh clone and this machine's SDK.
/// </summary>
internal sealed partial class SimulatedActions(string stateDirectory)
{
    private string CachesDirectory => Path.Combine(stateDirectory, "caches");

    /// <param name="inputs">The step's <c>with:</c> as written; <paramref name="interpolate"/> expands a value.</param>
    public void Run(string uses, IReadOnlyDictionary<string, string> inputs, Func<string, string> interpolate, string workspace, StepRecord step, RunContext run)
    {
        var match = PinnedUses().Match(uses);
        if (!match.Success)
            throw new InvalidOperationException($"'{uses}' is not pinned to a commit SHA.");
        var action = match.Groups["action"].Value;
        if (action == "actions/cache")
        {
            // The NuGet cache: every simulated job already shares this machine's package folder, so its key (a hashFiles
            // expression) is never evaluated.
            Inputs(inputs, action, "path", "key");
            return;
        }
        var with = inputs.ToDictionary(pair => pair.Key, pair => interpolate(pair.Value), StringComparer.Ordinal);
        switch (action)
        {
            case "actions/checkout":
                Inputs(with, action, "fetch-depth", "persist-credentials");
                break;
            case "actions/setup-dotnet":
                Inputs(with, action, "global-json-file");
                break;
            case "actions/cache/restore":
                Inputs(with, action, "path", "key", "restore-keys", "fail-on-cache-miss");
                RestoreCache(with, workspace, step);
                break;
            case "actions/cache/save":
                Inputs(with, action, "path", "key");
                SaveCache(with, workspace, step);
                break;
            case "actions/upload-artifact":
                Inputs(with, action, "name", "path", "if-no-files-found");
                UploadArtifact(with, workspace, step, run);
                break;
            case "actions/download-artifact":
                Inputs(with, action, "name", "path");
                Copy(ArtifactDirectory(run.RunId, with["name"], mustExist: true), Path.Combine(workspace, with["path"]));
                break;
            case "actions/attest-build-provenance":
                Inputs(with, action, "subject-path");
                Attest(with, workspace, step);
                break;
            case "softprops/action-gh-release":
                Inputs(with, action, "files", "fail_on_unmatched_files");
                AttachToRelease(with, workspace, run);
                break;
            default:
                throw new InvalidOperationException($"The workflow simulation does not know the action {action}.");
        }
    }

    /// <summary>Every key saved so far, oldest first.</summary>
    public IReadOnlyList<string> CacheKeys() =>
        Directory.Exists(CachesDirectory)
            ? Directory.GetDirectories(CachesDirectory).Where(directory => !Path.GetFileName(directory).StartsWith('.')).Select(ReadEntry).OrderBy(entry => entry.Created).Select(entry => entry.Key).ToList()
            : [];

    /// <summary>The files of an artifact a run uploaded, relative to its root and sorted; empty when it uploaded none.</summary>
    public IReadOnlyList<string> ArtifactFiles(int runId, string name)
    {
        var directory = ArtifactDirectory(runId, name, mustExist: false);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(directory, file)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private void RestoreCache(IReadOnlyDictionary<string, string> with, string workspace, StepRecord step)
    {
        var key = with["key"];
        var version = CacheVersion(with["path"]);
        var entries = CacheKeys().Select(saved => ReadEntry(EntryDirectory(saved))).Where(entry => entry.Version == version).ToList();
        var prefixes = new[] { key }.Concat(with.GetValueOrDefault("restore-keys", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var found = entries.SingleOrDefault(entry => entry.Key == key)
            ?? prefixes.Select(prefix => entries.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).MaxBy(entry => entry.Created)).FirstOrDefault(entry => entry is not null);
        step.Outputs["cache-primary-key"] = key;
        if (found is null)
        {
            if (with.GetValueOrDefault("fail-on-cache-miss") == "true")
                throw new StepFailedException($"Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: {key}");
            step.Log += $"Cache not found for input keys: {key}\n";
            return;
        }
        Copy(Path.Combine(EntryDirectory(found.Key), "files"), workspace);
        step.Outputs["cache-hit"] = found.Key == key ? "true" : "false";
        step.Outputs["cache-matched-key"] = found.Key;
        step.Log += $"Cache restored from key: {found.Key}\n";
    }

    private void SaveCache(IReadOnlyDictionary<string, string> with, string workspace, StepRecord step)
    {
        var key = with["key"];
        if (Directory.Exists(EntryDirectory(key)))
        {
            step.Log += $"Warning: Failed to save: Unable to reserve cache with key {key}, another job may be creating this cache.\n";
            return;
        }
        var present = CachePaths(with["path"]).SelectMany(path => Matching(workspace, path)).ToList();
        if (present.Count == 0)
        {
            step.Log += "Warning: Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.\n";
            return;
        }
        var staging = Path.Combine(CachesDirectory, $".{Guid.NewGuid():N}");
        foreach (var path in present)
            Copy(Path.Combine(workspace, path), Path.Combine(staging, "files", path));
        File.WriteAllLines(Path.Combine(staging, "entry"),
            [key, CacheVersion(with["path"]), DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)]);
        Directory.Move(staging, EntryDirectory(key));
        step.Log += $"Cache saved with key: {key}\n";
    }

    private void UploadArtifact(IReadOnlyDictionary<string, string> with, string workspace, StepRecord step, RunContext run)
    {
        var source = Path.Combine(workspace, with["path"].TrimEnd('/'));
        if (with["path"].Contains('\n', StringComparison.Ordinal) || with["path"].Contains('*', StringComparison.Ordinal))
            throw new InvalidOperationException($"The workflow simulation uploads one folder per artifact, not '{with["path"]}'.");
        if (!Directory.Exists(source) || Directory.GetFileSystemEntries(source).Length == 0)
        {
            var message = $"No files were found with the provided path: {with["path"]}. No artifacts will be uploaded.";
            var ifNoFilesFound = with.GetValueOrDefault("if-no-files-found", "warn");
            if (ifNoFilesFound == "error")
                throw new StepFailedException(message);
            if (ifNoFilesFound == "warn")
                step.Log += $"Warning: {message}\n";
            return;
        }
        var destination = ArtifactDirectory(run.RunId, with["name"], mustExist: false);
        if (Directory.Exists(destination))
            throw new StepFailedException($"Failed to CreateArtifact: an artifact named {with["name"]} already exists in this run.");
        // The artifact's root is the uploaded folder itself, as upload-artifact roots it at the paths' common ancestor.
        Copy(source, destination);
    }

    private static void AttachToRelease(IReadOnlyDictionary<string, string> with, string workspace, RunContext run)
    {
        if (!run.GitRef.StartsWith("refs/tags/", StringComparison.Ordinal))
            throw new StepFailedException("GitHub Releases requires a tag.");
        var pattern = with["files"];
        var directory = Path.Combine(workspace, Path.GetDirectoryName(pattern)!);
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, Path.GetFileName(pattern)) : [];
        if (files.Length == 0 && with.GetValueOrDefault("fail_on_unmatched_files") == "true")
            throw new StepFailedException($"Pattern '{pattern}' does not match any files.");
        Directory.CreateDirectory(run.ReleaseDirectory);
        foreach (var file in files)
            File.Copy(file, Path.Combine(run.ReleaseDirectory, Path.GetFileName(file)), overwrite: true);
    }

    /// <summary>
    /// Attests the files <c>subject-path</c> matches, as the action does with no subject found an error; the simulated
    /// attestation is a file of <c>sha256sum</c> lines, one per subject, at the step's <c>bundle-path</c> output (the
    /// real one is a Sigstore bundle of an in-toto statement over the same digests).
    /// </summary>
    private void Attest(IReadOnlyDictionary<string, string> with, string workspace, StepRecord step)
    {
        var pattern = with["subject-path"];
        var directory = Path.Combine(workspace, Path.GetDirectoryName(pattern)!);
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, Path.GetFileName(pattern)).Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
            throw new StepFailedException($"Error: Could not find subject at path {pattern}");
        var subjects = files.Select(file => $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))}  {Path.GetFileName(file)}");
        var bundle = Path.Combine(stateDirectory, "attestations", $"{Guid.NewGuid():N}.sha256");
        Directory.CreateDirectory(Path.GetDirectoryName(bundle)!);
        File.WriteAllLines(bundle, subjects);
        step.Outputs["bundle-path"] = bundle;
        step.Log += $"Attestation created for {files.Count} subjects\n";
    }

    private string ArtifactDirectory(int runId, string name, bool mustExist)
    {
        var directory = Path.Combine(stateDirectory, "artifacts", $"run-{runId}", name);
        if (mustExist && !Directory.Exists(directory))
            throw new StepFailedException($"Unable to download artifact(s): Artifact not found for name: {name}");
        return directory;
    }

    private string EntryDirectory(string key) =>
        SafeKey().IsMatch(key) ? Path.Combine(CachesDirectory, key) : throw new InvalidOperationException($"Cache key '{key}' has characters the simulation does not store.");

    private static CacheEntry ReadEntry(string directory)
    {
        var lines = File.ReadAllLines(Path.Combine(directory, "entry"));
        return new CacheEntry(lines[0], lines[1], long.Parse(lines[2], CultureInfo.InvariantCulture));
    }

    private sealed record CacheEntry(string Key, string Version, long Created);

    /// <summary>The cache service keys an entry by its paths too: a restore with other paths never sees it.</summary>
    private static string CacheVersion(string paths) => string.Join("|", CachePaths(paths));

    private static IReadOnlyList<string> CachePaths(string paths)
    {
        var list = paths.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var path in list.Where(path => path.IndexOfAny(['~', '!', '?', '[']) >= 0 || Path.GetDirectoryName(path)!.Contains('*', StringComparison.Ordinal)
                     || Path.IsPathRooted(path) || path.Contains("..", StringComparison.Ordinal)))
            throw new InvalidOperationException($"The workflow simulation caches relative paths with at most a '*' in the last name, not '{path}'.");
        return list;
    }

    /// <summary>The existing paths a cache path names, relative to the workspace: itself, or the folders its last name's <c>*</c> matches.</summary>
    private static IEnumerable<string> Matching(string workspace, string path)
    {
        if (!path.Contains('*', StringComparison.Ordinal))
            return Path.Exists(Path.Combine(workspace, path)) ? [path] : [];
        var parent = Path.Combine(workspace, Path.GetDirectoryName(path)!);
        return Directory.Exists(parent)
            ? Directory.GetDirectories(parent, Path.GetFileName(path)).Select(match => Path.GetRelativePath(workspace, match)).Order(StringComparer.Ordinal)
            : [];
    }

    private static void Inputs(IReadOnlyDictionary<string, string> with, string action, params string[] known)
    {
        foreach (var input in with.Keys.Where(input => !known.Contains(input)))
            throw new InvalidOperationException($"The workflow simulation does not model input '{input}' of {action}.");
    }

    /// <summary>Copies a file, or a folder's contents into a folder, keeping modes and links (cp -a).</summary>
    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(File.Exists(source) ? Path.GetDirectoryName(destination)! : destination);
        var result = RepositoryCopy.Run("cp", ["-a", File.Exists(source) ? source : source + "/.", destination], Path.GetTempPath());
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"cp -a {source} {destination} failed: {result.All}");
    }

    [GeneratedRegex("^(?<action>[\\w.-]+/[\\w.-]+(/[\\w.-]+)?)@[0-9a-f]{40}$")]
    private static partial Regex PinnedUses();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SafeKey();
}
