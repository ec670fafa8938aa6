using System.Runtime.Versioning;
using Kiln.Targets.Fingerprints;
using Kiln.Tests.Caching;

namespace Kiln.Tests.Fingerprints;

[UnsupportedOSPlatform("windows")]
public sealed class StatCacheTests
{
    private static readonly Dictionary<string, string> Named = new() { ["arch"] = "x86_64" };
    private ScratchDirectory _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchDirectory();

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public void A_file_unchanged_since_well_before_it_was_recorded_is_taken_from_the_stat_cache()
    {
        var file = _scratch.Write("tools/fio/build.sh", "new content");
        var stat = FileStat.Read(file);
        RecordInStatCache("fio/build.sh", stat, recordedAtNs: stat.ModifiedNs + 5 * StatCache.RacyMarginNs, sha256: Sha("old content"));

        var inputs = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath);

        Assert.That(inputs.Files["fio/build.sh"].Sha256, Is.EqualTo(Sha("old content")), "the cache was trusted, as its stat matches");
    }

    [Test]
    public void A_racily_clean_file_changed_within_the_recorded_timestamp_is_hashed_again()
    {
        var file = _scratch.Write("tools/fio/build.sh", "new content");
        var stat = FileStat.Read(file);
        RecordInStatCache("fio/build.sh", stat, recordedAtNs: stat.ModifiedNs, sha256: Sha("old content"));

        var inputs = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath);

        Assert.That(inputs.Files["fio/build.sh"].Sha256, Is.EqualTo(Sha("new content")));
    }

    [Test]
    public void A_file_whose_status_differs_from_the_recorded_one_is_hashed_again()
    {
        var file = _scratch.Write("tools/fio/build.sh", "new content");
        var stat = FileStat.Read(file);
        RecordInStatCache("fio/build.sh", stat with { ChangedNs = stat.ChangedNs - 1 }, stat.ModifiedNs + 5 * StatCache.RacyMarginNs, Sha("old content"));

        var inputs = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath);

        Assert.That(inputs.Files["fio/build.sh"].Sha256, Is.EqualTo(Sha("new content")));
    }

    [Test]
    public void A_stat_cache_of_another_root_is_ignored()
    {
        var file = _scratch.Write("tools/fio/build.sh", "new content");
        var stat = FileStat.Read(file);
        var foreign = StatCache.Empty(_scratch.Combine("other-checkout", "tools"));
        foreign.Set("fio/build.sh", stat, stat.ModifiedNs + 5 * StatCache.RacyMarginNs, Sha("old content"));
        foreign.Save(StatCachePath, ["fio/build.sh"]);

        var inputs = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath);

        Assert.That(inputs.Files["fio/build.sh"].Sha256, Is.EqualTo(Sha("new content")));
    }

    [Test]
    public void Fingerprinting_with_a_stat_cache_gives_the_key_of_fingerprinting_without_one()
    {
        for (var i = 0; i < 50; i++)
            _scratch.Write($"tools/t{i % 5}/file{i}", new string('x', i * 1000));
        var withoutCache = Fingerprinter.Compute(_scratch.Combine("tools"), Named).Key;

        var cold = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath).Key;
        var warm = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath).Key;

        Assert.That(new[] { cold, warm }, Is.All.EqualTo(withoutCache));
        Assert.That(File.Exists(StatCachePath), Is.True);
    }

    [Test]
    public void A_damaged_stat_cache_file_is_ignored()
    {
        _scratch.Write("tools/fio/build.sh", "content");
        _scratch.Write(".nuke/temp/tools.statcache", "\u0011kiln-stat-cache/1garbage");

        var inputs = Fingerprinter.Compute(_scratch.Combine("tools"), Named, StatCachePath);

        Assert.That(inputs.Files["fio/build.sh"].Sha256, Is.EqualTo(Sha("content")));
    }

    private string StatCachePath => _scratch.Combine(".nuke", "temp", "tools.statcache");

    private void RecordInStatCache(string relativePath, FileStat stat, long recordedAtNs, string sha256)
    {
        var cache = StatCache.Empty(_scratch.Combine("tools"));
        cache.Set(relativePath, stat, recordedAtNs, sha256);
        cache.Save(StatCachePath, [relativePath]);
    }

    private static string Sha(string text) => ContentHash.OfText(text);
}
