using System.Text.RegularExpressions;
using Kiln.Testing;
using Kiln.Tests.Support;

namespace Build.Tests;

/// <summary>
/// A team's remote cache, each test on a new server from the repository's nginx configuration, with a checkout holding
/// a copy of the cold release's warm local cache: a new server seeded with <c>PushToolsCache</c>, and a recipe that builds
/// different bytes each time caught when its entry is uploaded again.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up waits for the cold release: every tool compiled for both arches on two cores")]
[Order(6)]
public class TeamRemoteCacheTests
{
    private static readonly string[] Local = ["--executor", "local"];

    private RepositoryCopy _repository = null!;

    [OneTimeSetUp]
    public void CopyTheColdReleasesCache() => _repository = ColdRelease.CopyWithItsToolsCache("team-cache");

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test, Order(1)]
    public void PushToolsCache_seeds_an_empty_server_from_a_warm_cache_and_a_fresh_clone_then_compiles_nothing()
    {
        using var server = NginxCacheServer.Start(ColdRelease.RemoteCacheToken);
        using var fresh = RepositoryCopy.Create("team-cache-fresh", SharedOutputs.BuildProject);

        var pushed = _repository.BuildSh(ColdRelease.RemoteCacheEnvironment(server, "read-write"), ["PushToolsCache", .. Local]);
        var restored = fresh.BuildSh(ColdRelease.RemoteCacheEnvironment(server, "read"), ["Tools", .. Local]);

        Assert.That(pushed.ExitCode, Is.Zero, pushed.All);
        Assert.That(pushed.Output, Does.Contain("local cache: 16 entries to push").And.Contain("remote cache: uploaded 16 entries"), pushed.All);
        Assert.That(Directory.GetFiles(Path.Combine(server.Root, "ac")), Has.Length.EqualTo(2 + 2 * 7), "the two arch entries and one per tool and arch");
        Assert.That(restored.ExitCode, Is.Zero, restored.All);
        Assert.That(restored.Output, Does.Match(@"ToolsCache\s+Succeeded\s+\S+\s+x86_64: hit \(remote\) [0-9a-f]{12}; aarch64: hit \(remote\) [0-9a-f]{12}"));
        Assert.That(restored.Output, Does.Match(@"Tools\s+Skipped\s+cache hit").And.Not.Contain("building"));
    }

    [Test, Order(2)]
    public void A_recipe_that_stamps_the_time_into_its_output_is_a_warning_on_another_machine_keeps_the_first_entry_and_fails_check_reproducible()
    {
        using var server = NginxCacheServer.Start(ColdRelease.RemoteCacheToken);
        var remote = ColdRelease.RemoteCacheEnvironment(server, "read-write");
        var script = _repository.PathOf("tools/stress/build.sh");
        var original = File.ReadAllText(script);
        // A section holding the build's time survives the builder's strip: every build of the recipe makes other bytes.
        File.AppendAllText(script, "date +%s%N > \"$KILN_OUT/built-at\" && objcopy --add-section .kiln.built-at=\"$KILN_OUT/built-at\" \"$KILN_OUT/stress\" && rm \"$KILN_OUT/built-at\"\n");
        try
        {
            string[] stress = ["Tools", .. Local, "--arch", "x86_64", "--tools", "stress"];

            var first = _repository.BuildSh(remote, stress);
            // Other machines: each has a local cache of its own, so it builds the key and offers the server its bytes.
            var second = _repository.BuildSh(remote, [.. stress, "--skip-tools-cache", "--tools-cache-dir", _repository.PathOf(".build/second-machine-cache")]);
            var strict = _repository.BuildSh(remote, [.. stress, "--skip-tools-cache", "--tools-cache-dir", _repository.PathOf(".build/third-machine-cache"), "--check-reproducible"]);

            Assert.That(first.ExitCode, Is.Zero, first.All);
            Assert.That(first.Output, Does.Not.Contain("same key, different bytes"));
            Assert.That(second.ExitCode, Is.Zero, second.All);
            var warning = Regex.Match(second.Output,
                @"warning: remote cache: x86_64\.stress ([0-9a-f]{12}): same key, different bytes: the server holds archive SHA-256 ([0-9a-f]{64}), this build made ([0-9a-f]{64})");
            Assert.That(warning.Success, Is.True, second.All);
            Assert.That(second.Output, Does.Contain("the server's entry is kept (first writer wins)"));
            var kept = Directory.GetFiles(Path.Combine(server.Root, "ac"), warning.Groups[1].Value + "*").Single();
            Assert.That(File.ReadAllText(kept), Does.Contain(warning.Groups[2].Value).And.Not.Contain(warning.Groups[3].Value), "the first entry is kept");
            Assert.That(strict.ExitCode, Is.EqualTo(1), strict.All);
            Assert.That(strict.All, Does.Contain("--check-reproducible: ").And.Contain("built to other bytes than the remote cache holds for the same key")
                .And.Contain("diffoscope (the server's archive, then this build's):").And.Contain("stress"));
        }
        finally
        {
            File.WriteAllText(script, original);
        }
    }
}
