using Kiln.Dist;
using Kiln.Signing;
using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Components;

/// <summary>The release: dist/ with one archive per arch, the tools' sources, a manifest and checksums (<see cref="ReleaseWorkflow"/>).</summary>
internal interface IRelease : ITools
{
    [Parameter("Seconds since 1970 for every timestamp in the release (default: the commit time of HEAD)")]
    long? SourceDateEpoch => ParameterValue<long?>(nameof(SourceDateEpoch), null);

    [Parameter("The release folder the Verify target checks (default: dist/)")]
    AbsolutePath? VerifyDir => ParameterValue<AbsolutePath?>(nameof(VerifyDir), null);

    /// <summary>The stages the release targets share, made once per build.</summary>
    ReleaseWorkflow Release => BuildScoped.Once(this, () =>
        new ReleaseWorkflow(new ReleaseSettings(Layout, SourceDateEpoch, InvokedTargets, BaseImage, ParameterNamed(nameof(Arch))) { SigningKey = Keys.SigningKey },
            ToolsStages, DotNet, Log));

    Target Publish => _ => _
        .Description("Publishes the sysreport program for each arch to .build/publish/sysreport; an unchanged publish is reused")
        .Executes(async context => context.Note(await Release.PublishAsync(context.CancellationToken)));

    Target Dist => _ => _
        .Description("Writes dist/: an archive per arch with the product and its tools, and oss_source.tgz")
        .DependsOn(Tools, Publish)
        .Triggers(Manifest)
        .Inputs(cancellationToken => Release.DistInputsAsync(cancellationToken))
        .Outputs(() => Release.DistOutputs)
        .Executes(async context => context.Note(await Release.PackageAsync(context.CancellationToken)));

    Target Manifest => _ => _
        .Description("Writes dist/manifest.json (version, commit, tools per arch, every archive's size and SHA-256) and the SPDX SBOM")
        .DependsOn(Dist)
        .Triggers(Checksums)
        .Inputs(cancellationToken => Release.ManifestInputsAsync(cancellationToken))
        .Outputs(() => Release.ManifestOutputs)
        .Executes(async context => context.Note(await Release.WriteManifestAsync(context.CancellationToken)));

    Target Checksums => _ => _
        .Description($"Writes <archive>.md5.txt for each archive, SHA256SUMS over every file in dist/, and the provenance of those files (signed with {Signing.SigningKey.EnvironmentVariable} when set)")
        .DependsOn(Manifest)
        .Inputs(cancellationToken => Release.ChecksumsInputsAsync(cancellationToken))
        .Outputs(() => Release.ChecksumsOutputs)
        .Executes(async context => context.Note(await Release.WriteChecksumsAsync(context.CancellationToken)));

    Target Verify => _ => _
        .Description($"Checks a release folder: SHA256SUMS, the md5 files, the provenance's signature against {CheckoutLayout.TrustedKeysFolder}/, its subjects, the SBOM's archives and files")
        .Executes(context => context.Note(ReleaseVerification.Verify(VerifyDir ?? new AbsolutePath(Layout.DistDirectory),
            TrustedKeys.Load(Layout.TrustedKeysDirectory), ParameterNamed(nameof(VerifyDir)).Option)));
}
