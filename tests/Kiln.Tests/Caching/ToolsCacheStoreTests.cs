using System.Runtime.Versioning;
using Kiln.Caching;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching;

[UnsupportedOSPlatform("windows")]
public sealed class ToolsCacheStoreTests
{
    private ScratchDirectory _scratch = null!;
    private ToolsCacheStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _scratch = new ScratchDirectory();
        _store = new ToolsCacheStore(_scratch.Combine("tools-cache"));
    }

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public async Task A_saved_entry_is_restored_as_a_verified_hit_with_the_same_tree()
    {
        var inputs = Inputs("x86_64");
        var source = BuiltTools("built", "fio 3.33");

        var saved = await _store.SaveAsync("x86_64", inputs.Key, inputs, source, new Dictionary<string, string> { ["fio"] = "3.33" });
        var result = await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit));
        Assert.That(result.Entry!.ArchiveSha256, Is.EqualTo(saved.ArchiveSha256));
        Assert.That(result.Entry.Summary["fio"], Is.EqualTo("3.33"));
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "bin", "fio")), Is.EqualTo("fio 3.33"));
        Assert.That(File.Exists(_store.ArchivePath("x86_64", inputs.Key)) && File.Exists(_store.MetadataPath("x86_64", inputs.Key)), Is.True);
    }

    [Test]
    public async Task An_unknown_key_is_a_miss_that_leaves_the_destination_untouched()
    {
        _scratch.Write("restored/keep", "mine");

        var result = await _store.TryRestoreAsync("x86_64", Inputs("x86_64").Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Miss));
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "keep")), Is.EqualTo("mine"));
    }

    [Test]
    public async Task An_entry_saved_for_x86_64_is_never_restored_for_aarch64()
    {
        var x86 = Inputs("x86_64");
        await _store.SaveAsync("x86_64", x86.Key, x86, BuiltTools("built", "x86 fio"));

        var otherKey = await _store.TryRestoreAsync("aarch64", Inputs("aarch64").Key, _scratch.Combine("a"));
        var sameKeyOtherArch = await _store.TryRestoreAsync("aarch64", x86.Key, _scratch.Combine("b"));

        Assert.That(Inputs("aarch64").Key, Is.Not.EqualTo(x86.Key));
        Assert.That(new[] { otherKey.Outcome, sameKeyOtherArch.Outcome }, Is.All.EqualTo(ToolsCacheOutcome.Miss));
        Assert.That(Directory.Exists(_scratch.Combine("a")) || Directory.Exists(_scratch.Combine("b")), Is.False);
    }

    [Test]
    public async Task An_x86_64_entry_copied_into_the_aarch64_folder_is_detected_and_never_used()
    {
        var x86 = Inputs("x86_64");
        await _store.SaveAsync("x86_64", x86.Key, x86, BuiltTools("built", "x86 fio"));
        Directory.CreateDirectory(Path.Combine(_store.Root, "aarch64"));
        File.Copy(_store.ArchivePath("x86_64", x86.Key), _store.ArchivePath("aarch64", x86.Key));
        File.Copy(_store.MetadataPath("x86_64", x86.Key), _store.MetadataPath("aarch64", x86.Key));

        var result = await _store.TryRestoreAsync("aarch64", x86.Key, _scratch.Combine("restored"));

        AssertRefusedAndQuarantined(result, "aarch64", x86.Key, "describes x86_64");
    }

    [Test]
    public async Task A_corrupted_archive_is_detected_quarantined_and_never_used()
    {
        var inputs = Inputs("x86_64");
        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("built", "fio"));
        var archive = _store.ArchivePath("x86_64", inputs.Key);
        var bytes = File.ReadAllBytes(archive);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(archive, bytes);

        var result = await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        AssertRefusedAndQuarantined(result, "x86_64", inputs.Key, "SHA-256");
    }

    [Test]
    public async Task A_truncated_archive_is_detected_quarantined_and_never_used()
    {
        var inputs = Inputs("x86_64");
        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("built", "fio"));
        var archive = _store.ArchivePath("x86_64", inputs.Key);
        File.WriteAllBytes(archive, File.ReadAllBytes(archive)[..100]);

        var result = await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        AssertRefusedAndQuarantined(result, "x86_64", inputs.Key, "truncated");
    }

    [Test]
    public async Task Metadata_for_another_key_is_detected_quarantined_and_never_used()
    {
        var wanted = Inputs("x86_64");
        var other = Inputs("x86_64", parameter: "other");
        await _store.SaveAsync("x86_64", other.Key, other, BuiltTools("built", "other fio"));
        Directory.CreateDirectory(Path.Combine(_store.Root, "x86_64"));
        File.Copy(_store.ArchivePath("x86_64", other.Key), _store.ArchivePath("x86_64", wanted.Key));
        File.Copy(_store.MetadataPath("x86_64", other.Key), _store.MetadataPath("x86_64", wanted.Key));

        var result = await _store.TryRestoreAsync("x86_64", wanted.Key, _scratch.Combine("restored"));

        AssertRefusedAndQuarantined(result, "x86_64", wanted.Key, other.Key[..12]);
    }

    [Test]
    public async Task Unreadable_metadata_is_detected_quarantined_and_never_used()
    {
        var inputs = Inputs("x86_64");
        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("built", "fio"));
        File.WriteAllText(_store.MetadataPath("x86_64", inputs.Key), "{\"format\": 1, \"fingerp");

        var result = await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        AssertRefusedAndQuarantined(result, "x86_64", inputs.Key, "metadata");
    }

    [Test]
    public async Task After_a_corrupt_entry_the_rebuilt_save_is_a_hit_again()
    {
        var inputs = Inputs("x86_64");
        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("built", "fio"));
        File.WriteAllBytes(_store.ArchivePath("x86_64", inputs.Key), [1, 2, 3]);
        await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("refused"));

        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("rebuilt", "fio rebuilt"));
        var result = await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit));
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "bin", "fio")), Is.EqualTo("fio rebuilt"));
    }

    [Test]
    public async Task Saving_a_key_that_is_already_committed_succeeds_and_keeps_the_first_entry()
    {
        var inputs = Inputs("x86_64");
        var first = await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("first", "first build"));

        var second = await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("second", "second build"));
        await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(second.ArchiveSha256, Is.EqualTo(first.ArchiveSha256));
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "bin", "fio")), Is.EqualTo("first build"));
    }

    [Test]
    public void Saving_under_a_fingerprint_that_is_not_the_inputs_key_is_refused()
    {
        var inputs = Inputs("x86_64");

        Assert.ThrowsAsync<ArgumentException>(() =>
            _store.SaveAsync("x86_64", Inputs("aarch64").Key, inputs, BuiltTools("built", "fio")));
    }

    [Test]
    public async Task Eviction_keeps_the_most_recently_used_entries_under_the_cap()
    {
        var store = new ToolsCacheStore(_scratch.Combine("capped"), maxBytes: 4 * 70_000);
        var keys = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var inputs = Inputs("x86_64", parameter: $"entry-{i}");
            await store.SaveAsync("x86_64", inputs.Key, inputs, IncompressibleTools($"built-{i}", 64 * 1024, seed: i));
            File.SetLastWriteTimeUtc(store.ArchivePath("x86_64", inputs.Key), DateTime.UtcNow.AddMinutes(-100 + i));
            keys.Add(inputs.Key);
        }

        var reused = await store.TryRestoreAsync("x86_64", keys[0], _scratch.Combine("reused"));
        var newest = Inputs("x86_64", parameter: "entry-4");
        await store.SaveAsync("x86_64", newest.Key, newest, IncompressibleTools("built-4", 64 * 1024, seed: 4));

        Assert.That(reused.IsHit, Is.True);
        Assert.That(store.List("x86_64").Select(entry => entry.Fingerprint), Is.EquivalentTo(new[] { keys[0], keys[2], keys[3], newest.Key }));
        Assert.That(store.List().Sum(entry => entry.ArchiveSize), Is.LessThanOrEqualTo(store.MaxBytes));
    }

    [Test]
    public async Task The_entry_just_written_is_kept_even_when_it_alone_exceeds_the_cap()
    {
        var store = new ToolsCacheStore(_scratch.Combine("tiny"), maxBytes: 1024);
        var inputs = Inputs("x86_64");

        await store.SaveAsync("x86_64", inputs.Key, inputs, IncompressibleTools("built", 64 * 1024, seed: 1));

        Assert.That(store.List().Select(entry => entry.Fingerprint), Is.EqualTo(new[] { inputs.Key }));
    }

    [Test]
    public async Task The_nearest_entry_explains_a_miss_by_the_changed_file_and_the_changed_parameter()
    {
        var recipes = _scratch.Combine("tools");
        _scratch.Write("tools/fio/build.sh", "make", executable: true);
        _scratch.Write("tools/stress/build.sh", "make", executable: true);
        var named = new Dictionary<string, string> { ["arch"] = "x86_64", ["parameter.lto"] = "off" };
        var saved = Fingerprinter.Compute(recipes, named);
        await _store.SaveAsync("x86_64", saved.Key, saved, BuiltTools("built", "fio"));
        var unrelated = Inputs("x86_64");
        await _store.SaveAsync("x86_64", unrelated.Key, unrelated, BuiltTools("unrelated", "fio"));

        _scratch.Write("tools/fio/build.sh", "make -j2", executable: true);
        var current = Fingerprinter.Compute(recipes, named).With("parameter.lto", "on");
        var nearest = _store.FindNearest("x86_64", current);

        Assert.That(nearest!.Entry.Fingerprint, Is.EqualTo(saved.Key));
        Assert.That(nearest.Diff.ToParagraph(), Is.EqualTo("1 file changed (fio/build.sh); input parameter.lto changed: 'off' -> 'on'."));
    }

    [Test]
    public async Task Clear_removes_every_entry()
    {
        var inputs = Inputs("x86_64");
        await _store.SaveAsync("x86_64", inputs.Key, inputs, BuiltTools("built", "fio"));

        _store.Clear();

        Assert.That(_store.List(), Is.Empty);
        Assert.That((await _store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"))).Outcome, Is.EqualTo(ToolsCacheOutcome.Miss));
    }

    private void AssertRefusedAndQuarantined(ToolsCacheRestoreResult result, string arch, string key, string reason)
    {
        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Corrupt));
        Assert.That(result.Reason, Does.Contain(reason));
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False, "nothing of a refused entry is extracted");
        Assert.That(File.Exists(_store.MetadataPath(arch, key)) || File.Exists(_store.ArchivePath(arch, key)), Is.False, "the entry is moved aside");
        Assert.That(Directory.EnumerateFiles(result.QuarantinedTo!), Is.Not.Empty);
    }

    private static FingerprintInputs Inputs(string arch, string parameter = "default") =>
        new(new Dictionary<string, string> { ["arch"] = arch, ["parameter"] = parameter, ["executor"] = "local" },
            new Dictionary<string, FileDigest> { ["fio/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });

    private string BuiltTools(string name, string fio)
    {
        _scratch.Write($"{name}/bin/fio", fio, executable: true);
        _scratch.Write($"{name}/share/doc/fio.txt", "documentation");
        File.CreateSymbolicLink(_scratch.Combine(name, "bin", "fio-alias"), "fio");
        return _scratch.Combine(name);
    }

    private string IncompressibleTools(string name, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        Directory.CreateDirectory(_scratch.Combine(name, "bin"));
        File.WriteAllBytes(_scratch.Combine(name, "bin", "tool"), bytes);
        return _scratch.Combine(name);
    }
}
