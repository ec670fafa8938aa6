using Kiln.Tools.Host;

namespace Kiln.Tools.Executors;

/// <summary>
/// The installed Debian packages that shape an arch's binaries, read from dpkg's database (on the host or in the builder
/// image), never from the text that asked for them: the target's compiler, binutils, C library and kernel headers, make,
/// the autotools, pkg-config and dpkg-dev, every <c>-dev</c> package a configure script can find, and every package these
/// depend on (the <c>gcc</c> package's version names no compiler; the <c>gcc-12</c> it depends on does). One line each,
/// <c>name:arch version</c>, sorted, so a changed version is one changed line in <c>--explain</c>.
/// </summary>
internal static class ToolchainPackages
{
    /// <summary>The command that lists dpkg's database in the form <see cref="Describe"/> reads: one package a line, tab-separated.</summary>
    public static IReadOnlyList<string> Query { get; } =
        ["dpkg-query", "-W", "-f", "${Package}\\t${Architecture}\\t${Version}\\t${Status}\\t${Provides}\\t${Pre-Depends}\\t${Depends}\\n"];

    private const int Fields = 7;

    private static readonly string[] BuildTools = ["make", "autoconf", "automake", "libtool", "pkg-config", "dpkg-dev"];

    /// <summary>The packages every arch's key starts from, before every installed <c>-dev</c> package and the dependencies of all.</summary>
    public static IReadOnlyList<string> RootsFor(ToolArchitecture target) =>
    [
        HostPrerequisites.CompilerPackage(target), HostPrerequisites.BinutilsPackage(target),
        HostPrerequisites.LibcDevelopmentPackage(target), HostPrerequisites.KernelHeadersPackage(target), .. BuildTools,
    ];

    /// <summary>
    /// The lines for <paramref name="target"/> from the output of <see cref="Query"/>; a root that is not installed is a
    /// line too (<c>name not installed</c>), so installing it later changes the key.
    /// </summary>
    /// <exception cref="InvalidDataException">A line of <paramref name="listing"/> is not in the form <see cref="Query"/> writes.</exception>
    public static string Describe(string listing, ToolArchitecture target)
    {
        var installed = Parse(listing);
        var byName = installed.ToLookup(p => p.Name, StringComparer.Ordinal);
        // A virtual name (pkg-config from pkgconf, libc-dev) resolves to whatever provides it.
        var byProvided = installed.SelectMany(p => p.Provides.Select(name => (name, p))).ToLookup(x => x.name, x => x.p, StringComparer.Ordinal);
        IEnumerable<InstalledPackage> Resolve(string name) => byName[name].Concat(byProvided[name]);

        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<InstalledPackage>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<InstalledPackage>();
        void Reach(InstalledPackage package)
        {
            if (seen.Add(package))
                pending.Push(package);
        }

        foreach (var root in RootsFor(target))
        {
            var found = Resolve(root).ToList();
            if (found.Count == 0)
                lines.Add($"{root} not installed");
            found.ForEach(Reach);
        }
        foreach (var development in installed.Where(p => p.Name.EndsWith("-dev", StringComparison.Ordinal)))
            Reach(development);

        while (pending.TryPop(out var package))
        {
            lines.Add($"{package.Name}:{package.Architecture} {package.Version}");
            // Every installed alternative: which one a tool picks is not known here, and each can shape the bytes.
            foreach (var dependency in package.Depends)
                foreach (var reached in Resolve(dependency))
                    Reach(reached);
        }

        return string.Join('\n', lines);
    }

    private static List<InstalledPackage> Parse(string listing)
    {
        var packages = new List<InstalledPackage>();
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length != Fields)
                throw new InvalidDataException($"'{string.Join(' ', Query)}' wrote a line with {fields.Length} fields instead of {Fields}: '{line}'");
            // Removed packages whose configuration files remain are listed too ("deinstall ok config-files").
            if (!fields[3].EndsWith(" installed", StringComparison.Ordinal))
                continue;
            packages.Add(new InstalledPackage(fields[0], fields[1], fields[2], Names(fields[4]), [.. Names(fields[5]), .. Names(fields[6])]));
        }

        return packages;
    }

    /// <summary>The package names of a relation field such as <c>libc6 (>= 2.34), libc-dev | libc6-dev:any</c>.</summary>
    private static IReadOnlyList<string> Names(string field) =>
        field.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(relation => relation.Split([' ', '(', ':'], 2)[0])
            .Where(name => name.Length > 0)
            .ToList();

    private sealed record InstalledPackage(string Name, string Architecture, string Version, IReadOnlyList<string> Provides, IReadOnlyList<string> Depends);
}
