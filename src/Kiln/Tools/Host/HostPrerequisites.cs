using Kiln.Processes;

namespace Kiln.Tools.Host;

/// <summary>
/// The host commands and files the local executor's recipes need, per target architecture. On Debian or Ubuntu, as root
/// or through sudo without a password (GitHub's runners, most CI images), missing packages are installed with apt-get, and
/// the exact command is reported; elsewhere the check fails once, naming every missing package and the command that
/// installs them.
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

    /// <summary>Overridable for tests: the operating system release file, who this process is, and how commands run.</summary>
    public string OsReleaseFile { get; init; } = "/etc/os-release";

    public bool IsRoot { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Whether sudo runs a command without asking: <c>sudo -n true</c>, which fails at once rather than prompt.</summary>
    public Func<CancellationToken, Task<bool>> SudoWithoutPassword { get; init; } = async cancellationToken =>
        ResolvedCommand.Find("sudo", Environment.GetEnvironmentVariable("PATH") ?? "") is not null
        && await ProcessRunner.RunAsync(["sudo", "-n", "true"], Environment.CurrentDirectory, null, log, cancellationToken) == 0;

    public Func<IReadOnlyList<string>, CancellationToken, Task<int>> RunCommand { get; init; } = (arguments, cancellationToken) =>
        ProcessRunner.RunAsync(arguments, Environment.CurrentDirectory, null, log, cancellationToken);

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
                needed.Add(new($"{arch.GnuTriple}-gcc", CompilerPackage(arch)));
                needed.Add(new($"{arch.GnuTriple}-ld", BinutilsPackage(arch)));
                needed.Add(new($"{arch.GnuTriple}-strip", BinutilsPackage(arch)));
                needed.Add(new($"/usr/{arch.GnuTriple}/include/stdio.h", LibcDevelopmentPackage(arch), IsFile: true));
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
        if (await InstallPrefixAsync(cancellationToken) is not { } prefix)
            throw new HostPrerequisitesException(missing, $"sudo {install}",
                "installing them needs root, or sudo without a password ('sudo -n true' failed)", Purpose);

        log.WriteLine($"Installing missing host packages: {string.Join(' ', [.. prefix, install])}");
        foreach (var command in new[] { "apt-get update", install })
        {
            // Through env rather than this process's environment: sudo clears the environment of the command it runs.
            var exitCode = await RunCommand([.. prefix, "env", "DEBIAN_FRONTEND=noninteractive", .. command.Split(' ')], cancellationToken);
            if (exitCode != 0)
                throw new HostPrerequisitesException(missing, install, $"'{string.Join(' ', [.. prefix, command])}' failed with exit code {exitCode}", Purpose);
        }

        var stillMissing = missing.Where(p => !p.IsPresent()).ToList();
        if (stillMissing.Count > 0)
            throw new HostPrerequisitesException(stillMissing, InstallCommand(stillMissing), "they are still missing after the install", Purpose);
        return missing.Select(m => m.Package).Distinct().ToList();
    }

    /// <summary>What runs apt-get: nothing before it as root, <c>sudo -n</c> where sudo needs no password; null when neither may.</summary>
    internal async Task<IReadOnlyList<string>?> InstallPrefixAsync(CancellationToken cancellationToken) =>
        IsRoot ? [] : await SudoWithoutPassword(cancellationToken) ? ["sudo", "-n"] : null;

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

    /// <summary>The C compiler that builds for <paramref name="target"/> on this host: gcc natively, the cross gcc otherwise.</summary>
    public static string CompilerPackage(ToolArchitecture target) =>
        target.Name == ToolArchitecture.HostName ? "gcc" : target == ToolArchitecture.Aarch64 ? "gcc-aarch64-linux-gnu" : "gcc-x86-64-linux-gnu";

    public static string BinutilsPackage(ToolArchitecture target) =>
        target.Name == ToolArchitecture.HostName ? "binutils" : target == ToolArchitecture.Aarch64 ? "binutils-aarch64-linux-gnu" : "binutils-x86-64-linux-gnu";

    public static string LibcDevelopmentPackage(ToolArchitecture target) =>
        target.Name == ToolArchitecture.HostName ? "libc6-dev" : target == ToolArchitecture.Aarch64 ? "libc6-dev-arm64-cross" : "libc6-dev-amd64-cross";

    /// <summary>The Linux kernel's user-space headers for <paramref name="target"/>, which the C library's headers include.</summary>
    public static string KernelHeadersPackage(ToolArchitecture target) =>
        target.Name == ToolArchitecture.HostName ? "linux-libc-dev" : target == ToolArchitecture.Aarch64 ? "linux-libc-dev-arm64-cross" : "linux-libc-dev-amd64-cross";
}
