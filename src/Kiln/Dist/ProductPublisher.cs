using Kiln.DotNet;
using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Host;

namespace Kiln.Dist;

/// <summary>
/// Publishes <c>src/SysReport</c> once per arch as a self-contained, trimmed program that runs where no .NET is installed.
/// Each arch has one mode, whatever machine publishes it, so the release's bytes do not depend on the machine: x86_64 is
/// NativeAOT (linked with the host's gcc, which <see cref="PublishHost"/> makes a prerequisite and which links only for the
/// host's own arch), aarch64 a single-file bundle of the trimmed runtime, which any host makes alike (NativeAOT for aarch64
/// on the x86_64 machines that build the release would need clang's <c>--target</c> and an arm64 sysroot; a cross gcc
/// rejects the option). A host that cannot make an arch's mode fails before anything is published. The provenance
/// records each arch's mode.
/// </summary>
/// <param name="prerequisites">Installs what the modes need on this host, or fails naming it.</param>
/// <param name="architectures">The parameter that selects the arches, for the error of a host that cannot make one.</param>
internal sealed class ProductPublisher(DotNetCli dotNet, string projectFile, string publishRoot, HostPrerequisites prerequisites, ParameterName architectures)
{
    public const string NativeAot = "nativeaot";
    public const string SingleFile = "single-file";

    /// <summary>The arch of the machine that publishes; a test gives another.</summary>
    public string HostArch { get; init; } = ToolArchitecture.HostName;

    public static string RuntimeIdentifierOf(string arch) => arch switch
    {
        "x86_64" => "linux-x64",
        "aarch64" => "linux-arm64",
        _ => throw new ArgumentException($"No .NET runtime identifier is known for arch '{arch}'", nameof(arch)),
    };

    /// <summary>The mode <paramref name="arch"/> is published in, on any host.</summary>
    public static string ModeFor(string arch) => arch switch
    {
        "x86_64" => NativeAot,
        "aarch64" => SingleFile,
        _ => throw new ArgumentException($"No publish mode is known for arch '{arch}'", nameof(arch)),
    };

    /// <summary>Checks every arch's mode against this host and installs what they need, then publishes each arch.</summary>
    public async Task<IReadOnlyList<PublishedProduct>> PublishAsync(IReadOnlyList<string> arches, string version, CancellationToken cancellationToken)
    {
        await prerequisites.EnsureAsync(PublishHost.PrerequisitesFor(arches, HostArch, architectures), cancellationToken);
        var published = new List<PublishedProduct>();
        foreach (var arch in arches)
            published.Add(await PublishAsync(arch, version, cancellationToken));
        return published;
    }

    /// <summary>Where the publish of <paramref name="arch"/> under <paramref name="publishRoot"/> puts the program, and how it was made.</summary>
    public static PublishedProduct Describe(string publishRoot, string arch)
    {
        var output = Path.Combine(publishRoot, arch);
        return new PublishedProduct(arch, RuntimeIdentifierOf(arch), Path.Combine(output, ReleaseFiles.Product),
            Path.Combine(output, $"{ReleaseFiles.Product}.deps.json"), ModeFor(arch));
    }

    private async Task<PublishedProduct> PublishAsync(string arch, string version, CancellationToken cancellationToken)
    {
        var product = Describe(publishRoot, arch);
        var output = Path.GetDirectoryName(product.Program)!;
        List<string> properties = [$"Version={version}", $"RuntimeIdentifier={product.RuntimeIdentifier}", $"PublishAot={product.Mode == NativeAot}"];
        if (product.Mode == NativeAot)
            properties.Add($"CppCompilerAndLinker={PublishHost.NativeAotLinker}");
        // The linker's versions are no property, but another gcc or ld links other bytes.
        var stampSettings = product.Mode == NativeAot
            ? properties.Append($"linker {await PublishHost.NativeAotLinkerIdentityAsync(Path.GetDirectoryName(Path.GetFullPath(projectFile))!, cancellationToken)}")
            : properties;
        var stamp = PublishStamp.Compute(projectFile, await dotNet.SdkVersionAsync(cancellationToken), stampSettings);
        if (PublishStamp.Matches(output, stamp) && File.Exists(product.Program) && File.Exists(product.DepsFile))
            return product;
        // A previous publish of the other mode leaves files this one would not overwrite.
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        await dotNet.PublishAsync(projectFile, "Release", output, properties, cancellationToken);
        foreach (var expected in new[] { product.Program, product.DepsFile })
            if (!File.Exists(expected))
                throw new BuildException($"'dotnet publish {projectFile}' for {product.RuntimeIdentifier} ({product.Mode}) wrote no {expected}.");
        // Recorded last: an interrupted publish leaves no stamp and is redone.
        PublishStamp.Record(output, stamp);
        return product;
    }
}
