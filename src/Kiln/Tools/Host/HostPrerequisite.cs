namespace Kiln.Tools.Host;

/// <summary>Something the host build needs, found either as a command on PATH or as a file, and the Debian package providing it.</summary>
internal sealed record HostPrerequisite(string What, string Package, bool IsFile = false)
{
    /// <summary>A file that exists, or a command found on PATH the way the toolchain probes and a shell find it.</summary>
    public bool IsPresent() =>
        IsFile ? File.Exists(What) : ResolvedCommand.Find(What, Environment.GetEnvironmentVariable("PATH") ?? "") is not null;
}
