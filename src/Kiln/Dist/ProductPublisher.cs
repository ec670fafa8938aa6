using Kiln.DotNet;
using Kiln.Targets.Foundation;
using Kiln.Tools;
using Kiln.Tools.Host;

namespace Kiln.Dist;

/// <summary>
/// Publishes <c>src/SysReport</c> once per arch as a self-contained, trimmed program that runs where no .NET is installed.
/// The arch the build runs on gets NativeAOT when the host has a C linker (gcc or clang); NativeAOT links with it, and its
/// targets pass clang's <c>--target</c>, which a cross gcc rejects, so the other arch (and a host without a linker, such
/// as a Docker-executor machine with only the SDK) gets a single-file bundle of the trimmed runtime. The provenance
/// records which mode each arch got.
/// </summary>
internal sealed class ProductPublisher(DotNetCli dotNet, string projectFile, string publishRoot)
{
    public const string NativeAot = "nativeaot";
    public const string SingleFile = "single-file";

    public static string RuntimeIdentifierOf(string arch) => arch switch
    {
        "x86_64" => "linux-x64",
        "aarch64" => "linux-arm64",
        _ => throw new ArgumentException($"No .NET runtime identifier is known for arch '{arch}'", nameof(arch)),
    };

    /// <summary>NativeAOT for the host's own arch when a linker is on PATH, single-file otherwise.</summary>
    public static string ModeFor(string arch) => arch == ToolArchitecture.HostName && HostHasLinker ? NativeAot : SingleFile;

    private static bool HostHasLinker { get; } = new HostPrerequisite("gcc", "gcc").IsPresent() || new HostPrerequisite("clang", "clang").IsPresent();

    public async Task<IReadOnlyList<PublishedProduct>> PublishAsync(IReadOnlyList<string> arches, string version, CancellationToken cancellationToken)
    {
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
        string[] properties = [$"Version={version}", $"RuntimeIdentifier={product.RuntimeIdentifier}", $"PublishAot={product.Mode == NativeAot}"];
        var stamp = PublishStamp.Compute(projectFile, await dotNet.SdkVersionAsync(cancellationToken), properties);
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
