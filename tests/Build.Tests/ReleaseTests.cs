using System.Security.Cryptography;
using System.Text.Json;
using Kiln.Targets.Foundation;
using Kiln.Testing;
using Kiln.Tests.Support;

namespace Build.Tests;

/// <summary>
/// The cold release (<see cref="ColdRelease"/>) as a new user gets it: what it wrote, a warm build served by the tools
/// cache, and a second copy elsewhere, at another time, with an empty local cache, that builds from the remote cache the
/// cold build filled and must produce the same release byte for byte. <see cref="ToolRebuildTests"/> edits tools in a
/// copy of its cache meanwhile.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up is a cold release: every tool compiled for both arches on two cores")]
[Order(1)]
public partial class ReleaseTests
{
    private static readonly string[] ReleaseFiles =
    [
        "SHA256SUMS", "manifest.json", "oss_source.tgz", "oss_source.tgz.md5.txt", "provenance.intoto.json",
        "sysreport-aarch64.tgz", "sysreport-aarch64.tgz.md5.txt", "sysreport.spdx.json", "sysreport.tgz", "sysreport.tgz.md5.txt",
    ];

    private ColdRelease _release = null!;

    [OneTimeSetUp]
    public void BuildTheReleaseCold() => _release = ColdRelease.Built();

    private RepositoryCopy Repository => _release.Repository;

    private NginxCacheServer RemoteCache => _release.RemoteCache;

    private ProcessResult ColdDist => _release.Dist;

    private string Dist => Repository.PathOf("dist");

    [Test, Order(1)]
    public void A_cold_dist_writes_every_release_file()
    {
        Assert.That(ColdDist.ExitCode, Is.Zero, ColdDist.All);
        Assert.That(Directory.GetFiles(Dist).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(ReleaseFiles));
    }

    [Test, Order(1)]
    public void A_cold_dist_uploads_every_entry_to_the_remote_cache_without_printing_the_token()
    {
        var entries = Directory.GetFiles(Path.Combine(RemoteCache.Root, "ac"));

        Assert.That(ColdDist.Output, Does.Match(@"remote cache: uploaded \d+ entries and \d+ source packages"));
        Assert.That(entries, Has.Length.EqualTo(2 + 2 * 7), "the two arch entries and one per tool and arch");
        Assert.That(ColdDist.All, Does.Not.Contain(ColdRelease.RemoteCacheToken));
    }

    [Test, Order(2)]
    public void Checksums_verify_with_md5sum_and_sha256sum()
    {
        var md5 = RepositoryCopy.Run("sh", ["-c", "md5sum -c *.md5.txt"], Dist);
        var sha256 = RepositoryCopy.Run("sha256sum", ["-c", "SHA256SUMS"], Dist);

        Assert.That(md5.ExitCode, Is.Zero, md5.All);
        Assert.That(sha256.ExitCode, Is.Zero, sha256.All);
        Assert.That(sha256.Output, Does.Contain("manifest.json: OK").And.Contain("sysreport.tgz: OK"));
    }

    [TestCase("sysreport.tgz", "x86_64")]
    [TestCase("sysreport-aarch64.tgz", "aarch64")]
    [Order(3)]
    public void Each_archive_has_one_top_folder_with_its_own_arch_tools_only(string archive, string arch)
    {
        var listing = RepositoryCopy.Run("tar", ["-tzf", archive], Dist).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(listing.All(e => e.StartsWith("sysreport/", StringComparison.Ordinal)), Is.True, string.Join('\n', listing));
        Assert.That(listing, Does.Contain("sysreport/sysreport").And.Contain("sysreport/LICENSE").And.Contain("sysreport/THIRD_PARTY_PROGRAMS")
            .And.Contain("sysreport/manifest.json").And.Contain("sysreport/app/sysreport").And.Contain("sysreport/pci.ids"));
        foreach (var binary in ToolBinaryChecks.Binaries)
            Assert.That(listing, Does.Contain($"sysreport/tools/{arch}/bin/{binary}"));
        Assert.That(listing.Where(e => e.StartsWith("sysreport/tools/", StringComparison.Ordinal) && e != "sysreport/tools/"
            && !e.StartsWith($"sysreport/tools/{arch}/", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("sysreport.tgz", "x86_64")]
    [TestCase("sysreport-aarch64.tgz", "aarch64")]
    [Order(4)]
    public void Unpacked_tools_are_built_for_their_arch_and_run(string archive, string arch)
    {
        var unpacked = Unpack(archive);

        ToolBinaryChecks.AssertRuns(Path.Combine(unpacked, "sysreport", "tools", arch, "bin"), arch);
    }

    [Test, Order(5)]
    public void Sysreport_from_the_x86_64_archive_lists_every_bundled_tool_with_its_version()
    {
        var unpacked = Unpack("sysreport.tgz");

        var result = RepositoryCopy.Run(Path.Combine(unpacked, "sysreport", "sysreport"), ["--tools"], unpacked);

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Contain("fio").And.Contain("3.33-3").And.Contain("ethtool").And.Contain("pciutils")
            .And.Contain("stress").And.Contain("numactl").And.Contain("pci.ids").And.Not.Contain("MISSING"));
    }

    [Test, Order(6)]
    public void The_manifest_names_the_commit_the_tools_and_every_archive_digest()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dist, "manifest.json")));
        var root = manifest.RootElement;
        var head = RepositoryCopy.Run("git", ["rev-parse", "HEAD"], Repository.Root).Output.Trim();

        Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("0.0.0-dev"));
        Assert.That(root.GetProperty("commit").GetProperty("full").GetString(), Is.EqualTo(head));
        Assert.That(root.GetProperty("tools").GetProperty("aarch64").GetProperty("executor").GetString(), Is.EqualTo("local"));
        foreach (var artifact in root.GetProperty("artifacts").EnumerateArray())
        {
            var file = Path.Combine(Dist, artifact.GetProperty("name").GetString()!);
            Assert.That(artifact.GetProperty("sha256").GetString(), Is.EqualTo(Sha256(file)));
        }
    }

    [Test, Order(6)]
    public void The_manifest_validates_against_its_committed_schema()
    {
        var schema = JsonSchemaValidator.Load(Repository.PathOf("src/Kiln/Dist/manifest.schema.json"));

        var problems = schema.Validate(File.ReadAllText(Path.Combine(Dist, "manifest.json")));

        Assert.That(problems, Is.Empty);
    }

    [Test, Order(7)]
    public void A_second_dist_restores_both_arches_from_the_cache_and_compiles_nothing()
    {
        var warm = Repository.BuildSh("Dist", "--executor", "local");

        Assert.That(warm.ExitCode, Is.Zero, warm.All);
        Assert.That(warm.Output, Does.Match(@"ToolsCache\s+Succeeded\s+\S+\s+x86_64: hit [0-9a-f]{12}; aarch64: hit [0-9a-f]{12}"));
        Assert.That(warm.Output, Does.Match(@"Tools\s+Skipped\s+cache hit"));
        Assert.That(warm.Output, Does.Not.Contain("building"));
    }

    [Test, Order(8)]
    public void Touching_every_file_under_tools_keeps_the_cache_hit()
    {
        foreach (var file in Directory.GetFiles(Repository.PathOf("tools"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);

        var result = Repository.BuildSh("ToolsCache", "--executor", "local");

        Assert.That(result.Output, Does.Contain("x86_64: hit").And.Contain("aarch64: hit"), result.All);
    }

    [Test, Order(12)]
    public void An_edited_dsc_pin_fails_the_tools_build_naming_the_tool_and_both_digests()
    {
        var recipe = Repository.PathOf("tools/stress/tool.json");
        var original = File.ReadAllText(recipe);
        var pinned = JsonDocument.Parse(original).RootElement.GetProperty("dscSha256").GetString()!;
        var edited = new string('0', 64);
        File.WriteAllText(recipe, original.Replace(pinned, edited, StringComparison.Ordinal));
        try
        {
            var result = Repository.BuildSh("Tools", "--executor", "local", "--arch", "x86_64", "--tools", "stress");

            Assert.That(result.ExitCode, Is.EqualTo(1), result.All);
            Assert.That(result.Output, Does.Contain("stress").And.Contain(pinned).And.Contain(edited));
        }
        finally
        {
            File.WriteAllText(recipe, original);
        }
    }

    [Test, Order(14)]
    public async Task A_fresh_clone_with_an_empty_cache_restores_everything_from_the_remote_cache_and_compiles_nothing()
    {
        using var other = RepositoryCopy.Create("release-remote");
        var putsBefore = (await RemoteCache.RequestsAsync()).Count(r => r.Method == "PUT");

        var result = other.BuildSh(_release.RemoteCacheEnvironment("read"), "Dist", "--executor", "local");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Match(@"ToolsCache\s+Succeeded\s+\S+\s+x86_64: hit \(remote\) [0-9a-f]{12}; aarch64: hit \(remote\) [0-9a-f]{12}"));
        Assert.That(result.Output, Does.Match(@"Tools\s+Skipped\s+cache hit"));
        Assert.That(result.Output, Does.Not.Contain("building").And.Not.Contain("apt-get source").And.Not.Contain("warning:"));
        Assert.That(result.Output, Does.Contain("stress: source stress=1.0.7-1 from the remote cache, verified"));
        Assert.That((await RemoteCache.RequestsAsync()).Count(r => r.Method == "PUT"), Is.EqualTo(putsBefore), "a read-mode build never uploads");
        var differing = ReleaseFiles.Where(f => Sha256(Path.Combine(Dist, f)) != Sha256(other.PathOf(Path.Combine("dist", f)))).ToList();
        Assert.That(differing, Is.Empty, Diffoscope(differing, other));
    }

    private string Unpack(string archive)
    {
        var destination = Repository.PathOf(Path.Combine(".build", "unpacked", archive));
        if (!Directory.Exists(destination))
        {
            Directory.CreateDirectory(destination);
            var tar = RepositoryCopy.Run("tar", ["-xzf", Path.Combine(Dist, archive), "-C", destination], Dist);
            Assert.That(tar.ExitCode, Is.Zero, tar.All);
        }

        return destination;
    }

    private string Diffoscope(IReadOnlyList<string> differing, RepositoryCopy other) =>
        string.Join('\n', differing.Select(f =>
            RepositoryCopy.Run("diffoscope", ["--max-report-size", "20000", Path.Combine(Dist, f), other.PathOf(Path.Combine("dist", f))], Dist).Output));

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
