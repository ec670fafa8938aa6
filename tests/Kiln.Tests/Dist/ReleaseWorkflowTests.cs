using System.Text.Json.Nodes;
using Kiln.Dist;
using Kiln.DotNet;
using Kiln.Processes;

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

    private ReleaseWorkflow Release(IReadOnlyList<string> invokedTargets, long? sourceDateEpoch = null) =>
        new(new ReleaseSettings(_checkout.Layout, sourceDateEpoch, invokedTargets, "debian:bookworm", BuildParameters.Named("Arch")), _tools,
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
