using System.Text;
using System.Text.Json.Nodes;
using Kiln.Dist;
using Kiln.DotNet;
using Kiln.Processes;
using Kiln.Signing;

namespace Kiln.Tests.Dist;

public class ReleaseWorkflowTests
{
    private ReleaseCheckout _checkout = null!;
    private FakeReleaseTools _tools = null!;

    [SetUp]
    public async Task CreateCheckout()
    {
        _checkout = new ReleaseCheckout();
        _tools = new FakeReleaseTools(_checkout);
        await Git("init", "-q");
        await CommitAsync();
    }

    [TearDown]
    public void DeleteCheckout() => _checkout.Dispose();

    [Test]
    public async Task Packaging_manifest_and_checksums_gather_the_tools_data_files_and_cache_keys_once_per_run()
    {
        var release = Release(["Dist"]);

        await RunReleaseAsync(release);

        Assert.That(_tools.Calls, Is.EquivalentTo(new Dictionary<string, int>
        {
            [nameof(IReleaseTools.BuiltTools)] = 1,
            [nameof(IReleaseTools.AssembleSourcesAsync)] = 1,
            [nameof(IReleaseTools.DataFilesAsync)] = 1,
            [nameof(IReleaseTools.CacheKeysAsync)] = 1,
            [nameof(IReleaseTools.ExecutorNameAsync)] = 1,
        }));
    }

    [Test]
    public async Task A_commit_made_during_the_run_does_not_split_the_release_between_two_revisions()
    {
        var release = Release(["Dist"]);
        var packed = (await release.RevisionAsync(CancellationToken.None)).Commit;
        await CommitAsync();

        await RunReleaseAsync(release);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_checkout.Dist, ReleaseManifest.FileName)))!;
        Assert.That((string?)manifest["commit"]!["full"], Is.EqualTo(packed));
        Assert.That(ProvenanceOf()["predicate"]!["buildDefinition"]!["resolvedDependencies"]![0]!["digest"]!["gitCommit"]!.GetValue<string>(), Is.EqualTo(packed));
    }

    [Test]
    public async Task The_provenance_records_the_invoked_targets_of_the_settings()
    {
        var release = Release(["Tools", "Checksums"]);

        await RunReleaseAsync(release);

        var targets = ProvenanceOf()["predicate"]!["buildDefinition"]!["externalParameters"]!["targets"]!.AsArray();
        Assert.That(targets.Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "Tools", "Checksums" }));
    }

    [Test]
    public async Task The_source_date_epoch_of_the_settings_wins_over_the_commit_time()
    {
        var release = Release(["Dist"], sourceDateEpoch: 1_600_000_000);

        var revision = await release.RevisionAsync(CancellationToken.None);

        Assert.That(revision.SourceDateEpoch, Is.EqualTo(1_600_000_000));
    }

    [Test]
    public async Task With_a_signing_key_the_provenance_is_also_written_as_a_dsse_envelope_that_openssl_verifies_over_its_pae()
    {
        using var key = SigningKey.Generate();
        File.WriteAllText(Path.Combine(_checkout.Layout.RootDirectory, "team.pem"), key.PublicKey.ExportPem());

        await RunReleaseAsync(Release(["Dist"], signingKey: key));

        var line = File.ReadAllText(Path.Combine(_checkout.Dist, Provenance.EnvelopeFileName));
        var envelope = JsonNode.Parse(line)!;
        var payloadType = envelope["payloadType"]!.GetValue<string>();
        var payload = Convert.FromBase64String(envelope["payload"]!.GetValue<string>());
        var signature = envelope["signatures"]![0]!;
        File.WriteAllBytes(Path.Combine(_checkout.Layout.RootDirectory, "pae"), Encoding.UTF8.GetBytes($"DSSEv1 {payloadType.Length} {payloadType} {payload.Length} ").Concat(payload).ToArray());
        File.WriteAllBytes(Path.Combine(_checkout.Layout.RootDirectory, "sig"), Convert.FromBase64String(signature["sig"]!.GetValue<string>()));
        var verified = await ProcessRunner.CaptureAsync(["openssl", "dgst", "-sha256", "-verify", "team.pem", "-signature", "sig", "pae"], _checkout.Layout.RootDirectory, CancellationToken.None);

        Assert.That(verified, Does.Contain("Verified OK"));
        Assert.That(line, Does.EndWith("}\n").And.Not.Contain("\n{"));
        Assert.That(payloadType, Is.EqualTo("application/vnd.in-toto+json"));
        Assert.That(payload, Is.EqualTo(File.ReadAllBytes(Path.Combine(_checkout.Dist, Provenance.FileName))));
        Assert.That(signature["keyid"]!.GetValue<string>(), Is.EqualTo(key.KeyId));
        Assert.That(File.ReadAllText(Path.Combine(_checkout.Dist, ReleaseFiles.Sha256Sums)), Does.Not.Contain(Provenance.EnvelopeFileName));
    }

    [Test]
    public async Task A_release_without_a_signing_key_removes_the_envelope_an_earlier_signed_release_left()
    {
        using var key = SigningKey.Generate();
        await RunReleaseAsync(Release(["Dist"], signingKey: key));

        await RunReleaseAsync(Release(["Dist"]));

        Assert.That(File.Exists(Path.Combine(_checkout.Dist, Provenance.EnvelopeFileName)), Is.False);
        Assert.That(File.Exists(Path.Combine(_checkout.Dist, Provenance.FileName)), Is.True);
    }

    private ReleaseWorkflow Release(IReadOnlyList<string> invokedTargets, long? sourceDateEpoch = null, SigningKey? signingKey = null) =>
        new(new ReleaseSettings(_checkout.Layout, sourceDateEpoch, invokedTargets, "debian:bookworm", BuildParameters.Named("Arch")) { SigningKey = signingKey }, _tools,
            new DotNetCli(_checkout.Layout.RootDirectory, TextWriter.Null), TextWriter.Null);

    private static async Task RunReleaseAsync(ReleaseWorkflow release)
    {
        await release.PackageAsync(CancellationToken.None);
        await release.WriteManifestAsync(CancellationToken.None);
        await release.WriteChecksumsAsync(CancellationToken.None);
    }

    private JsonNode ProvenanceOf() => JsonNode.Parse(File.ReadAllText(Path.Combine(_checkout.Dist, Provenance.FileName)))!;

    private Task CommitAsync() => Git("-c", "user.name=Kiln", "-c", "user.email=kiln@example.invalid", "commit", "-q", "--allow-empty", "-m", "release");

    private Task Git(params string[] arguments) => ProcessRunner.CaptureAsync(["git", .. arguments], _checkout.Layout.RootDirectory, CancellationToken.None);
}
