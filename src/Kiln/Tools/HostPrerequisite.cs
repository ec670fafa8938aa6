namespace Kiln.Tools;

/// <summary>Something the host build needs, found either as a command on PATH or as a file, and the Debian package providing it.</summary>
internal sealed record HostPrerequisite(string What, string Package, bool IsFile = false)
{
    public bool IsPresent()
    {
        if (IsFile)
            return File.Exists(What);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, What)));
    }
}
