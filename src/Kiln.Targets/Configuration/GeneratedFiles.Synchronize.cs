using System.Text;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Configuration;

internal static partial class GeneratedFiles
{
    /// <summary>Folders whose files carrying <see cref="GeneratedFileMarker"/> are ours to remove when no longer generated.</summary>
    private static readonly (string Directory, string Pattern)[] OwnedFilePatterns =
    [
        (".github/workflows", "*.yml"),
        (IdeConfigurationGenerator.RunConfigurationDirectory, "*" + IdeConfigurationGenerator.RunConfigurationSuffix),
    ];

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Brings the generated files under <paramref name="rootDirectory"/> up to date with <paramref name="model"/>.
    /// Locally it writes what differs, removes generated files that are no longer generated, and logs each change.
    /// With <paramref name="ci"/> it changes nothing and throws <see cref="StaleGeneratedFilesException"/> when anything differs,
    /// because CI must build what was committed.
    /// </summary>
    /// <returns>The changes made (locally) or that would be needed (never returned under CI: it throws).</returns>
    public static IReadOnlyList<GeneratedFileChange> Synchronize(string rootDirectory, BuildModel model, bool ci, TextWriter log)
    {
        var files = From(model);
        var changes = Compare(rootDirectory, files);
        if (changes.Count == 0)
            return changes;
        if (ci)
            throw new StaleGeneratedFilesException(changes);

        var generated = files.ToDictionary(file => file.RelativePath);
        foreach (var change in changes)
        {
            var path = FullPath(rootDirectory, change.RelativePath);
            if (change.Kind == GeneratedFileChangeKind.Removed)
                File.Delete(path);
            else
                WriteAtomically(path, generated[change.RelativePath].Content);
            log.WriteLine($"{change.Kind} {change.RelativePath}");
        }
        return changes;
    }

    /// <summary>What would change on disk; line-ending differences alone do not count, so a CRLF checkout is not stale.</summary>
    public static IReadOnlyList<GeneratedFileChange> Compare(string rootDirectory, IReadOnlyList<GeneratedFile> files)
    {
        var changes = new List<GeneratedFileChange>();
        foreach (var file in files)
        {
            var path = FullPath(rootDirectory, file.RelativePath);
            if (!File.Exists(path))
            {
                changes.Add(new GeneratedFileChange(file.RelativePath, GeneratedFileChangeKind.Created,
                    LineDiff.Unified("", file.Content, "/dev/null", $"b/{file.RelativePath}")));
                continue;
            }
            var current = File.ReadAllText(path);
            if (current.ReplaceLineEndings("\n") != file.Content)
                changes.Add(new GeneratedFileChange(file.RelativePath, GeneratedFileChangeKind.Updated,
                    LineDiff.Unified(current, file.Content, $"a/{file.RelativePath}", $"b/{file.RelativePath}")));
        }

        var generatedPaths = files.Select(file => file.RelativePath).ToHashSet(StringComparer.Ordinal);
        foreach (var (directory, pattern) in OwnedFilePatterns)
        {
            var fullDirectory = FullPath(rootDirectory, directory);
            if (!Directory.Exists(fullDirectory))
                continue;
            foreach (var path in Directory.EnumerateFiles(fullDirectory, pattern).Order(StringComparer.Ordinal))
            {
                var relativePath = $"{directory}/{Path.GetFileName(path)}";
                if (generatedPaths.Contains(relativePath))
                    continue;
                var current = File.ReadAllText(path);
                if (current.Contains(GeneratedFileMarker.Text, StringComparison.Ordinal))
                    changes.Add(new GeneratedFileChange(relativePath, GeneratedFileChangeKind.Removed,
                        LineDiff.Unified(current, "", $"a/{relativePath}", "/dev/null")));
            }
        }
        return changes;
    }

    private static string FullPath(string rootDirectory, string relativePath) =>
        Path.Combine(rootDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A crash half-way leaves either the old file or the new one, never a truncated file.</summary>
    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Utf8WithoutBom.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
