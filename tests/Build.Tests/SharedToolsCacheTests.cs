using System.Runtime.Versioning;
using Kiln.Testing;

namespace Build.Tests;

/// <summary>
/// One <c>--tools-cache-dir</c> shared the way teams share one on a build machine: two checkouts build into it at the
/// same time, then a user who may only read it (the directory is another user's) builds from it. Kept cheap: one small
/// tool for one arch, compiled by the host.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 900, Why = "the set-up compiles stress for x86_64 in two checkouts at once")]
[UnsupportedOSPlatform("windows")]
public class SharedToolsCacheTests
{
    private static readonly string[] Small = ["--executor", "local", "--arch", "x86_64", "--tools", "stress"];

    private RepositoryCopy _first = null!;
    private RepositoryCopy _second = null!;
    private string _cache = null!;
    private ProcessResult[] _builds = null!;

    [OneTimeSetUp]
    public void BuildTwoCheckoutsIntoOneCacheAtOnce()
    {
        _first = RepositoryCopy.Create("shared-one", SharedOutputs.BuildProject);
        _second = RepositoryCopy.Create("shared-two", SharedOutputs.BuildProject);
        _cache = Path.Combine(Path.GetTempPath(), "kiln-e2e", $"shared-cache-{Guid.NewGuid():N}"[..21]);
        // The host's compilers first, one build at a time: two apt-get installs at once would race on dpkg's lock, not
        // on the cache.
        var toolchain = _first.BuildSh(["ToolsFingerprint", .. Small]);
        Assert.That(toolchain.ExitCode, Is.Zero, toolchain.All);

        var builds = new[] { _first, _second }.Select(copy => Task.Run(() => copy.BuildSh(["Tools", "--tools-cache-dir", _cache, .. Small]))).ToArray();
        _builds = Task.WhenAll(builds).GetAwaiter().GetResult();
    }

    [OneTimeTearDown]
    public void DeleteCopiesAndCache()
    {
        _first.Dispose();
        _second.Dispose();
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }

    [Test, Order(1)]
    public void Two_checkouts_building_into_one_cache_directory_at_once_both_succeed()
    {
        Assert.That(_builds.Select(build => build.ExitCode), Is.All.Zero, string.Join("\n----\n", _builds.Select(build => build.All)));
        Assert.That(_builds.Select(build => build.All), Has.None.Contain("warning:"));
    }

    [Test, Order(2)]
    public void Two_checkouts_building_into_one_cache_directory_at_once_leave_one_verified_entry_per_key()
    {
        var scopes = new[] { "x86_64", "x86_64.stress" };
        var restored = _second.BuildSh(["ToolsCache", "--tools-cache-dir", _cache, .. Small]);

        foreach (var scope in scopes)
        {
            var files = Directory.GetFiles(Path.Combine(_cache, scope)).Select(Path.GetFileName).ToList();
            Assert.That(files.Count(file => file!.EndsWith(".json", StringComparison.Ordinal)), Is.EqualTo(1), $"{scope}: {string.Join(", ", files)}");
            Assert.That(files.Count(file => file!.EndsWith(".tgz", StringComparison.Ordinal)), Is.EqualTo(1), $"{scope}: {string.Join(", ", files)}");
            Assert.That(files, Has.None.StartsWith(".tmp-"), scope);
            Assert.That(Directory.Exists(Path.Combine(_cache, scope, "quarantine")), Is.False, $"{scope}: no entry was seen torn");
        }

        Assert.That(restored.ExitCode, Is.Zero, restored.All);
        Assert.That(restored.Output, Does.Match(@"ToolsCache\s+Succeeded\s+\S+\s+x86_64: hit [0-9a-f]{12}"));
    }

    [Test, Order(3)]
    public void A_user_who_may_only_read_the_cache_directory_builds_from_it_and_is_warned_once_that_nothing_is_saved()
    {
        // Without its arch entry the arch is assembled from the per-tool entry, and the assembly is then saved: a restore
        // that must set a time on another user's file, and a save into another user's directory.
        foreach (var file in Directory.GetFiles(Path.Combine(_cache, "x86_64")))
            File.Delete(file);
        using var reader = RepositoryCopy.Create("shared-reader", SharedOutputs.BuildProject);
        var user = UnprivilegedUser.For(reader);

        var result = user.BuildSh(reader, ["Tools", "--tools-cache-dir", _cache, .. Small]);

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Contain("x86_64: tool entries: 1 hit, 0 to build"));
        Assert.That(result.Output, Does.Match(@"Tools\s+Skipped"));
        Assert.That(result.Output.Split('\n').Count(line => line.Contains("warning:")), Is.EqualTo(1), result.Output);
        Assert.That(result.Output, Does.Contain($"warning: the tools cache directory {_cache} cannot be written"));
        Assert.That(result.All, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "));
        Assert.That(Directory.GetFiles(Path.Combine(_cache, "x86_64")), Is.Empty, "nothing was saved");
    }

    [Test, Order(4)]
    public void A_cache_directory_the_user_may_not_read_is_one_error_naming_it_before_anything_runs()
    {
        var unreadable = Directory.CreateDirectory(_cache + "-unreadable", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        using var reader = RepositoryCopy.Create("shared-unreadable", SharedOutputs.BuildProject);
        var user = UnprivilegedUser.For(reader);
        try
        {
            var result = user.BuildSh(reader, ["ToolsCache", "--tools-cache-dir", unreadable, .. Small]);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.All);
            Assert.That(result.All, Does.Contain($"--tools-cache-dir: {unreadable} cannot be read"));
            Assert.That(result.All, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "));
        }
        finally
        {
            Directory.Delete(unreadable);
        }
    }
}
