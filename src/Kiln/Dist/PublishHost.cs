using Kiln.Processes;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Host;

namespace Kiln.Dist;

/// <summary>
/// What the machine that publishes needs for each arch's mode (<see cref="ProductPublisher.ModeFor"/>), checked for every
/// arch before anything is published. A single-file bundle is managed code packed onto the arch's apphost from a pinned
/// pack: any host makes the same bytes and needs nothing but the SDK. NativeAOT links with the host's own C toolchain,
/// which links only for the host's arch (for another, the ILCompiler targets pass clang's <c>--target</c>, which gcc
/// rejects, and clang would link other bytes), so its arch must be the host's, and gcc, binutils and the C library's
/// development files are installed like the tools build's compilers.
/// </summary>
internal static class PublishHost
{
    /// <summary>
    /// The C compiler NativeAOT links with, given to <c>dotnet publish</c> as <c>CppCompilerAndLinker</c>: left unset, the
    /// ILCompiler targets take clang where it is on PATH and gcc otherwise, and the two drivers link different bytes.
    /// </summary>
    public const string NativeAotLinker = "gcc";

    /// <summary>The linker that <see cref="NativeAotLinker"/> runs (binutils' <c>ld.bfd</c>, the ILCompiler targets' choice on Linux).</summary>
    private const string Linker = "ld";

    /// <summary>
    /// The first line of <c>--version</c> of the linker driver and of the linker, for the publish's stamp: another gcc or
    /// binutils links other bytes, so a publish linked with the earlier one is not reused.
    /// </summary>
    public static async Task<string> NativeAotLinkerIdentityAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var tool in new[] { NativeAotLinker, Linker })
            lines.Add((await ProcessRunner.CaptureAsync([tool, "--version"], workingDirectory, cancellationToken)).Split('\n', 2)[0].Trim());
        return string.Join("; ", lines);
    }

    /// <summary>What a host of arch <paramref name="hostArch"/> needs to publish <paramref name="arches"/>, each once.</summary>
    /// <param name="architectures">The parameter that selected <paramref name="arches"/>, for the error.</param>
    /// <exception cref="BuildException">An arch's mode cannot be made on a host of <paramref name="hostArch"/>: never another mode instead.</exception>
    public static IReadOnlyList<HostPrerequisite> PrerequisitesFor(IEnumerable<string> arches, string hostArch, ParameterName architectures)
    {
        var nativeAot = arches.Where(arch => ProductPublisher.ModeFor(arch) == ProductPublisher.NativeAot).ToList();
        if (nativeAot.FirstOrDefault(arch => arch != hostArch) is { } foreign)
        {
            throw new BuildException($"The {foreign} program is published as {ProductPublisher.NativeAot}, which this {hostArch} host cannot make: "
                + $"{ProductPublisher.NativeAot} links with the host's own {NativeAotLinker}, which links only for the host's arch, so it needs an {foreign} host "
                + $"(with {NativeAotLinker}, binutils and the C library's headers). Each arch has one mode, whatever the host, so that every host gives the same "
                + $"bytes; publish {foreign} on an {foreign} host, or leave it out of {architectures.Option}.");
        }

        return nativeAot.Count == 0 ? [] : NativeAotPrerequisites(ToolArchitecture.All.Single(a => a.Name == hostArch));
    }

    /// <summary>Who needs the packages, for <see cref="HostPrerequisites.Purpose"/>: the arches whose mode links natively.</summary>
    public static string Purpose(IEnumerable<string> arches) =>
        $"The {ProductPublisher.NativeAot} publish of {string.Join(", ", arches.Where(arch => ProductPublisher.ModeFor(arch) == ProductPublisher.NativeAot))}";

    /// <summary>The linker driver, the linker and the symbol stripper NativeAOT runs, and the C runtime files it links in.</summary>
    private static IReadOnlyList<HostPrerequisite> NativeAotPrerequisites(ToolArchitecture host) =>
    [
        new(NativeAotLinker, HostPrerequisites.CompilerPackage(host)),
        new(Linker, HostPrerequisites.BinutilsPackage(host)),
        new("objcopy", HostPrerequisites.BinutilsPackage(host)),
        new("/usr/include/stdio.h", HostPrerequisites.LibcDevelopmentPackage(host), IsFile: true),
    ];
}
