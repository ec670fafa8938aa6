using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Caching;

/// <summary>
/// The check on the tools cache location before any stage uses it. A file there would read as an empty store: every
/// entry misses, the tools are rebuilt, and only the first save fails, with a DirectoryNotFoundException.
/// </summary>
internal static class ToolsCacheDirectory
{
    /// <summary>
    /// The full path of <paramref name="path"/> when it is a directory or can become one (a missing directory is created
    /// by the first save); a <see cref="BuildException"/> naming the file in the way when it is a file or goes through one,
    /// or naming the directory when this user may not read it. A directory that can be read but not written is accepted:
    /// restores work from it, and saves are skipped with a warning.
    /// </summary>
    /// <param name="parameter">The parameter that gave the path, which the message tells the user to change.</param>
    public static string Checked(string path, ParameterName parameter)
    {
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(directory))
            throw new BuildException($"{parameter}: {directory} is a file, not a directory; give a directory (a missing one is created).");
        if (Directory.Exists(directory))
        {
            try
            {
                _ = Directory.EnumerateFileSystemEntries(directory).Any();
            }
            catch (UnauthorizedAccessException exception)
            {
                throw new BuildException($"{parameter}: {directory} cannot be read ({exception.Message}); give a directory this user may read.");
            }
        }
        for (var parent = Path.GetDirectoryName(directory); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                throw new BuildException($"{parameter}: {directory} goes through the file {parent}, so no directory can be created there; give a directory (a missing one is created).");
            if (Directory.Exists(parent))
                break;
        }

        return directory;
    }
}
