using Kiln.Processes;
namespace Kiln.Tools;

/// <summary>
/// The host commands and files the local executor's recipes need, per target architecture. As root on Debian or
/// Ubuntu, missing packages are installed with apt-get, and the exact command is reported; elsewhere the check fails
/// once, naming every missing package and the command that installs them.
/// </summary>
internal sealed class HostPrerequisites(TextWriter log)
{
    public const string ToolsBuild = "The local tools build";

    private static readonly HostPrerequisite[] Common =
    [
        new("bash", "bash"),
        new("make", "make"),
        new("autoreconf", "autoconf"),
        new("automake", "automake"),
        new("libtoolize", "libtool"),
        new("pkg-config", "pkg-config"),
        new("dpkg-source", "dpkg-dev"),
        new("patch", "patch"),
        new("xz", "xz-utils"),
        new("bzip2", "bzip2"),
        new("apt-get", "apt"),
        new("dpkg-query", "dpkg"),
    ];

    /// <summary>Overridable for tests: the operating system release file and whether this process may install packages.</summary>
    public string OsReleaseFile { get; init; } = "/etc/os-release";

    public bool CanInstall { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Who needs the packages, for the error message: the tools build, the tests.</summary>
    public string Purpose { get; init; } = ToolsBuild;

    public static IReadOnlyList<HostPrerequisite> For(IReadOnlyList<ToolArchitecture> architectures)
    {
        var needed = new List<HostPrerequisite>(Common);
        foreach (var arch in architectures)
        {
            if (arch.Name == ToolArchitecture.HostName)
            {
                needed.Add(new("gcc", "gcc"));
                needed.Add(new("ld", "binutils"));
                needed.Add(new("strip", "binutils"));
                needed.Add(new("/usr/include/stdio.h", "libc6-dev", IsFile: true));
            }
            else
            {
                var package = arch == ToolArchitecture.Aarch64 ? "gcc-aarch64-linux-gnu" : "gcc-x86-64-linux-gnu";
                needed.Add(new($"{arch.GnuTriple}-gcc", package));
                var binutils = package.Replace("gcc-", "binutils-", StringComparison.Ordinal);
                needed.Add(new($"{arch.GnuTriple}-ld", binutils));
                needed.Add(new($"{arch.GnuTriple}-strip", binutils));
                needed.Add(new($"/usr/{arch.GnuTriple}/include/stdio.h", LocalToolExecutor.LibcDevelopmentPackage(arch), IsFile: true));
            }
        }

        return needed;
    }

    public static string InstallCommand(IEnumerable<HostPrerequisite> missing) =>
        $"apt-get install -y --no-install-recommends {string.Join(' ', missing.Select(m => m.Package).Distinct().Order(StringComparer.Ordinal))}";

    /// <summary>Returns the packages it installed (empty when nothing was missing).</summary>
    public Task<IReadOnlyList<string>> EnsureAsync(IReadOnlyList<ToolArchitecture> architectures, CancellationToken cancellationToken) =>
        EnsureAsync(For(architectures), cancellationToken);

    public async Task<IReadOnlyList<string>> EnsureAsync(IReadOnlyList<HostPrerequisite> needed, CancellationToken cancellationToken)
    {
        var missing = needed.Where(p => !p.IsPresent()).ToList();
        if (missing.Count == 0)
            return [];

        var install = InstallCommand(missing);
        if (!IsDebianLike())
            throw new HostPrerequisitesException(missing, install, "this is not Debian or Ubuntu, so they are not installed automatically (install the equivalent packages"
                + (Purpose == ToolsBuild ? ", or build in the builder image with --executor docker)" : ")"), Purpose);
        if (!CanInstall)
            throw new HostPrerequisitesException(missing, install, "installing them needs root", Purpose);

        log.WriteLine($"Installing missing host packages: {install}");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (var command in new[] { "apt-get update", install })
        {
            var exitCode = await ProcessRunner.RunAsync(command.Split(' '), Environment.CurrentDirectory, environment, log, cancellationToken);
            if (exitCode != 0)
                throw new HostPrerequisitesException(missing, install, $"'{command}' failed with exit code {exitCode}", Purpose);
        }

        var stillMissing = missing.Where(p => !p.IsPresent()).ToList();
        if (stillMissing.Count > 0)
            throw new HostPrerequisitesException(stillMissing, InstallCommand(stillMissing), "they are still missing after the install", Purpose);
        return missing.Select(m => m.Package).Distinct().ToList();
    }

    private bool IsDebianLike()
    {
        if (!File.Exists(OsReleaseFile))
            return false;
        var fields = File.ReadAllLines(OsReleaseFile)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('"'));
        var ids = $"{fields.GetValueOrDefault("ID")} {fields.GetValueOrDefault("ID_LIKE")}".Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ids.Any(id => id is "debian" or "ubuntu");
    }
}
