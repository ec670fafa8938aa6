using Kiln.Targets.Fingerprints;

namespace Kiln.Tools.Host;

/// <summary>
/// A command found on PATH the way a shell finds it (the first directory holding an executable file of that name),
/// with the status of every symlink on the way and of the file it ends at: what must stay the same for the command
/// to print what it printed before.
/// </summary>
internal sealed record ResolvedCommand(IReadOnlyList<StatedPath> Chain)
{
    /// <summary>The kernel's own limit on links followed in one lookup.</summary>
    private const int MaxLinks = 40;

    /// <summary>The path found on PATH, to run: not the link's target, since gcc names itself after the name it was run by.</summary>
    public string Path => Chain[0].Path;

    /// <summary>The command as found in <paramref name="searchPath"/>, or null when no directory there has it as an executable file.</summary>
    public static ResolvedCommand? Find(string command, string searchPath)
    {
        foreach (var directory in searchPath.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var chain = Follow(System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, command)));
            if (chain is [.., var end] && end.Stat.IsRegularFile && end.Stat.IsExecutable)
                return new ResolvedCommand(chain);
        }

        return null;
    }

    /// <summary>Each hop from <paramref name="path"/> to the file it ends at; empty when something on the way does not exist.</summary>
    private static IReadOnlyList<StatedPath> Follow(string path)
    {
        var chain = new List<StatedPath>();
        while (chain.Count <= MaxLinks)
        {
            FileStat stat;
            try
            {
                stat = FileStat.Read(path);
            }
            catch (IOException)
            {
                return [];
            }

            chain.Add(new StatedPath(path, stat));
            if (!stat.IsSymlink)
                return chain;
            var target = new FileInfo(path).LinkTarget;
            if (target is null)
                return [];
            // A relative target is relative to the link's directory; Combine keeps an absolute one as it is.
            path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, target);
        }

        return [];
    }
}
