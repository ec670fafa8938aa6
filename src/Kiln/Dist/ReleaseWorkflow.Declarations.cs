using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Dist;

/// <summary>
/// What each release stage's files are made of, for the engine's up-to-date checks: every input that can change a byte
/// of them, and the files each writes. Inputs are taken after the stage's dependencies ran, so the tools' keys are those
/// this run restored or built. The packaging code is an input too: a Kiln that packs differently repacks.
/// </summary>
internal sealed partial class ReleaseWorkflow
{
    /// <summary>The module version id of the code that packs: a deterministic build changes it exactly when that code changes.</summary>
    private static readonly string PackagingCode = typeof(ReleaseWorkflow).Assembly.ManifestModule.ModuleVersionId.ToString();

    /// <summary>The revision, the tools' keys, the published programs, the launcher, the licence and the data files.</summary>
    public async Task<TargetInputs> DistInputsAsync(CancellationToken cancellationToken)
    {
        var inputs = await SharedInputsAsync(cancellationToken);
        foreach (var product in Products)
            inputs.File(new AbsolutePath(product.Program)).Value($"publish.{product.Arch}", $"{product.RuntimeIdentifier} {product.Mode}");
        return inputs.File(new AbsolutePath(settings.Layout.LauncherFile)).File(new AbsolutePath(settings.Layout.LicenceFile));
    }

    /// <summary><c>dist/</c>'s archives, one per arch, and <c>oss_source.tgz</c>.</summary>
    public IEnumerable<AbsolutePath> DistOutputs =>
        tools.ArchitectureNames.Select(ReleaseFiles.ArchiveName).Append(ReleaseFiles.Sources).Select(DistFile);

    /// <summary>Dist's archives, the revision, the tools' keys, the data files, and the publishes' package lists (for the SBOM).</summary>
    public async Task<TargetInputs> ManifestInputsAsync(CancellationToken cancellationToken)
    {
        var inputs = (await SharedInputsAsync(cancellationToken)).Files(Dist, "*.tgz");
        foreach (var product in Products)
            inputs.File(new AbsolutePath(product.DepsFile)).Value($"publish.{product.Arch}", $"{product.RuntimeIdentifier} {product.Mode}");
        return inputs;
    }

    public IEnumerable<AbsolutePath> ManifestOutputs => [DistFile(ReleaseManifest.FileName), DistFile(SpdxDocument.FileName)];

    /// <summary>Every file in <c>dist/</c> but its own, whatever the provenance records about the build, and the key that signs it.</summary>
    public async Task<TargetInputs> ChecksumsInputsAsync(CancellationToken cancellationToken)
    {
        var inputs = (await SharedInputsAsync(cancellationToken))
            .Files(Dist, "*", $"!*{ReleaseFiles.Md5Suffix}", $"!{ReleaseFiles.Sha256Sums}", $"!{Provenance.FileName}", $"!{Provenance.EnvelopeFileName}")
            .Value("signing-key", settings.SigningKey?.KeyId ?? "none")
            .Value("invoked-targets", string.Join(' ', settings.InvokedTargets))
            .Value("executor", await tools.ExecutorNameAsync(cancellationToken))
            .Value("base-image", settings.BaseImage)
            .Value("builder-image", tools.BuilderImageTag)
            .Value("sdk", await (_sdkVersion ??= dotNet.SdkVersionAsync(cancellationToken)))
            .Value("tools", string.Join(' ', tools.Recipes().Select(recipe => recipe.Name)));
        foreach (var product in Products)
        {
            inputs.File(new AbsolutePath(product.Program)).File(new AbsolutePath(product.DepsFile))
                .Value($"publish.{product.Arch}", $"{product.RuntimeIdentifier} {product.Mode}");
        }

        return inputs;
    }

    public IEnumerable<AbsolutePath> ChecksumsOutputs =>
        Directory.Exists(Dist) ? Directory.GetFiles(Dist, "*.tgz").Select(archive => new AbsolutePath(archive + ReleaseFiles.Md5Suffix))
            .Append(DistFile(ReleaseFiles.Sha256Sums)).Append(DistFile(Provenance.FileName))
            .Concat(settings.SigningKey is null ? [] : [DistFile(Provenance.EnvelopeFileName)]) : [];

    private AbsolutePath Dist => new(settings.Layout.DistDirectory);

    private AbsolutePath DistFile(string name) => Dist / name;

    /// <summary>What every release file depends on: the revision and its time, the arches and their tools' keys, the data files, the packaging code.</summary>
    private async Task<TargetInputs> SharedInputsAsync(CancellationToken cancellationToken)
    {
        var revision = await RevisionAsync(cancellationToken);
        var inputs = new TargetInputs()
            .Value("version", revision.Version)
            .Value("commit", $"{revision.Commit} {revision.CommitTime.ToUnixTimeSeconds()}")
            .Value("SOURCE_DATE_EPOCH", revision.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Value("arches", string.Join(' ', tools.ArchitectureNames))
            .Value("packaging-code", PackagingCode)
            .Values((await CacheKeysAsync(cancellationToken)).Select(key => KeyValuePair.Create($"tools-key.{key.Key}", key.Value)));
        foreach (var data in await DataFilesAsync(cancellationToken))
        {
            inputs.File(new AbsolutePath(data.Recipe.RecipeFile)).File(new AbsolutePath(data.DataFile)).File(new AbsolutePath(data.DebFile));
        }

        return inputs;
    }
}
