using System.Globalization;
using Kiln.Targets.Fingerprints;
using Kiln.Tools.Host;

namespace Kiln.Tools.Executors;

/// <summary>
/// Everything the toolchain's version lines are read from, as the file system says it is now, without starting a
/// process: PATH (it decides which commands run), the links and file of each probed command and the files the probes
/// read (dpkg's status database). One line each, so a memo can compare them and a reader can see what differed.
/// </summary>
internal sealed record ToolchainStamp(IReadOnlyList<string> Lines, long NewestModifiedNs)
{
    public static ToolchainStamp Read(string searchPath, IReadOnlyList<ResolvedCommand> commands, IReadOnlyList<string> files)
    {
        var stated = commands.SelectMany(c => c.Chain).ToList();
        var lines = new List<string> { "PATH=" + searchPath };
        lines.AddRange(stated.Select(Describe));
        foreach (var file in files)
        {
            var read = ReadOrNull(file);
            // A missing file is part of the stamp too: dpkg-query answers differently once it appears.
            lines.Add(read is null ? $"{file} missing" : Describe(read));
            if (read is not null)
                stated.Add(read);
        }

        return new ToolchainStamp(lines, stated.Count == 0 ? long.MinValue : stated.Max(s => s.Stat.ModifiedNs));
    }

    /// <summary>Equal lines mean equal status, so a stamp recorded earlier can be compared with one read now.</summary>
    public bool SameAs(IReadOnlyList<string> recorded) => Lines.SequenceEqual(recorded, StringComparer.Ordinal);

    private static StatedPath? ReadOrNull(string file)
    {
        try
        {
            return new StatedPath(file, FileStat.Read(file));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Describe(StatedPath file) => string.Create(CultureInfo.InvariantCulture,
        $"{file.Path} size={file.Stat.Size} mtime={file.Stat.ModifiedNs} ctime={file.Stat.ChangedNs} inode={file.Stat.Inode} mode={file.Stat.Mode:x}");
}
