using System.Diagnostics;
using System.Globalization;

namespace Kiln.Testing;

/// <summary>The processes below this one, read from /proc: what a hung test was waiting for.</summary>
internal static class ProcessTree
{
    public static string DescribeChildren()
    {
        var descendants = Descendants();
        return descendants.Count == 0
            ? "no child process (the test itself is busy or blocked)"
            : string.Join("; ", descendants.Select(pid => $"pid {pid}: {CommandLine(pid)}"));
    }

    public static void KillChildren()
    {
        foreach (var pid in Descendants())
        {
            try
            {
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone, or not ours to end: either way it no longer holds the run.
            }
        }
    }

    /// <summary>Every process whose parent chain reaches this one, parents first.</summary>
    private static List<int> Descendants()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ParentOf(pid) is not { } parent)
                continue;
            if (!children.TryGetValue(parent, out var list))
                children[parent] = list = [];
            list.Add(pid);
        }

        var found = new List<int>();
        var queue = new Queue<int>([Environment.ProcessId]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
            return arguments.Length == 0 ? "?" : arguments;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(exited)";
        }
    }
}
