using System.Diagnostics;

namespace Kiln.Tests.Caching;

/// <summary>
/// A tmpfs of a few hundred kilobytes mounted on a directory, for a disk that fills up or turns read-only under the
/// tools cache. Mounting takes root, or sudo without a password; unmounted (with the files in it gone) on dispose.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(string path, int kilobytes)
    {
        Directory.CreateDirectory(path);
        // Without root the mount's root directory would be root's; the test owns it like any scratch directory.
        Privileged("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,uid={Id("-u")},gid={Id("-g")}", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Remounts read-only: from now on every write under <see cref="Path"/> fails with EROFS.</summary>
    public void MakeReadOnly() => Privileged("mount", "-o", "remount,ro", Path);

    /// <summary>Sets the immutable attribute: even root gets EPERM on writing the file or setting its times.</summary>
    public static void MakeImmutable(string file) => Privileged("chattr", "+i", file);

    public static void MakeMutable(string file) => Privileged("chattr", "-i", file);

    public void Dispose() => Privileged("umount", Path);

    private static void Privileged(params string[] command)
    {
        var asRoot = Environment.IsPrivilegedProcess;
        if (!asRoot)
            Assume.That(Run("sudo", "-n", "true").ExitCode, Is.Zero, "mounting a small disk takes root or sudo without a password");
        var (exitCode, output) = asRoot ? Run(command[0], command[1..]) : Run("sudo", ["-n", .. command]);
        Assert.That(exitCode, Is.Zero, $"{string.Join(' ', command)}: {output}");
    }

    private static string Id(string which) => Run("id", which).Output.Trim();

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
