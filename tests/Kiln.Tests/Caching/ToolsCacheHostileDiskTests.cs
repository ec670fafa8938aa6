using System.Runtime.Versioning;
using Kiln.Caching;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching;

/// <summary>
/// The local store on a disk that will not take writes: a read-only mount, files whose times and directories refuse
/// changes (EPERM, as another user's do), and a full disk. Restores go on; a save is refused as a whole, naming the
/// directory, and leaves nothing of its entry behind.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ToolsCacheHostileDiskTests
{
    private ScratchDirectory _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchDirectory();

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public async Task A_store_on_a_read_only_mount_restores_its_entries_and_refuses_a_save_naming_its_directory()
    {
        using var disk = SmallDisk.Mount(_scratch.Combine("disk"), kilobytes: 512);
        var store = new ToolsCacheStore(Path.Combine(disk.Path, "tools-cache"));
        var saved = Inputs("saved");
        await store.SaveAsync("x86_64", saved.Key, saved, Tools("built", "fio 3.33"));
        var before = Files(store.Root);
        disk.MakeReadOnly();

        var restored = await store.TryRestoreAsync("x86_64", saved.Key, _scratch.Combine("restored"));
        var other = Inputs("other");
        var refused = Assert.ThrowsAsync<ToolsCacheUnwritableException>(() => store.SaveAsync("x86_64", other.Key, other, Tools("other", "fio 3.35")));

        Assert.That(restored.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit), restored.Reason);
        Assert.That(File.ReadAllText(_scratch.Combine("restored", "bin", "fio")), Is.EqualTo("fio 3.33"));
        Assert.That(refused!.Directory, Is.EqualTo(store.Root));
        Assert.That(refused.Message, Does.Contain($"the tools cache directory {store.Root} cannot be written").And.Contain("Read-only file system"));
        Assert.That(Files(store.Root), Is.EqualTo(before));
    }

    [Test]
    public async Task A_damaged_entry_on_a_read_only_mount_is_refused_and_left_in_place()
    {
        using var disk = SmallDisk.Mount(_scratch.Combine("disk"), kilobytes: 512);
        var store = new ToolsCacheStore(Path.Combine(disk.Path, "tools-cache"));
        var inputs = Inputs("damaged");
        await store.SaveAsync("x86_64", inputs.Key, inputs, Tools("built", "fio 3.33"));
        var archive = store.ArchivePath("x86_64", inputs.Key);
        var bytes = File.ReadAllBytes(archive);
        bytes[^20] ^= 0xff;
        File.WriteAllBytes(archive, bytes);
        disk.MakeReadOnly();

        var result = await store.TryRestoreAsync("x86_64", inputs.Key, _scratch.Combine("restored"));

        Assert.That(result.Outcome, Is.EqualTo(ToolsCacheOutcome.Corrupt));
        Assert.That(result.Reason, Does.Contain("SHA-256").And.Contain("left in place"));
        Assert.That(File.Exists(archive) && File.Exists(store.MetadataPath("x86_64", inputs.Key)), Is.True);
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False);
    }

    [Test]
    public async Task A_store_whose_files_refuse_changes_with_EPERM_restores_and_refuses_a_save_naming_its_directory()
    {
        var store = new ToolsCacheStore(_scratch.Combine("tools-cache"));
        var saved = Inputs("saved");
        await store.SaveAsync("x86_64", saved.Key, saved, Tools("built", "fio 3.33"));
        var archive = store.ArchivePath("x86_64", saved.Key);
        var scopeDirectory = Path.GetDirectoryName(archive)!;
        var lastUsed = File.GetLastWriteTimeUtc(archive);
        // What a build meets in another user's store: setting a file's times and creating files are refused (EPERM),
        // here by the immutable attribute, which refuses them even to root.
        SmallDisk.MakeImmutable(archive);
        SmallDisk.MakeImmutable(scopeDirectory);
        try
        {
            var restored = await store.TryRestoreAsync("x86_64", saved.Key, _scratch.Combine("restored"));
            var other = Inputs("other");
            var refused = Assert.ThrowsAsync<ToolsCacheUnwritableException>(() => store.SaveAsync("x86_64", other.Key, other, Tools("other", "fio 3.35")));

            Assert.That(restored.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit), restored.Reason);
            Assert.That(File.GetLastWriteTimeUtc(archive), Is.EqualTo(lastUsed), "the time was refused, not set");
            Assert.That(refused!.Message, Does.Contain($"the tools cache directory {store.Root} cannot be written"));
            Assert.That(refused.InnerException, Is.InstanceOf<UnauthorizedAccessException>());
        }
        finally
        {
            SmallDisk.MakeMutable(scopeDirectory);
            SmallDisk.MakeMutable(archive);
        }
    }

    [Test]
    public async Task A_save_that_fills_the_disk_leaves_no_part_of_its_entry_and_a_smaller_save_then_succeeds()
    {
        using var disk = SmallDisk.Mount(_scratch.Combine("disk"), kilobytes: 256);
        var store = new ToolsCacheStore(Path.Combine(disk.Path, "tools-cache"));
        var large = Inputs("large");

        var refused = Assert.ThrowsAsync<ToolsCacheUnwritableException>(() => store.SaveAsync("x86_64", large.Key, large, IncompressibleTools("large", 1024 * 1024)));
        var leftovers = Files(store.Root);
        var small = Inputs("small");
        await store.SaveAsync("x86_64", small.Key, small, Tools("small", "fio 3.33"));
        var restored = await store.TryRestoreAsync("x86_64", small.Key, _scratch.Combine("restored"));

        Assert.That(refused!.Message, Does.Contain($"the tools cache directory {store.Root} cannot be written").And.Contain("No space left on device"));
        Assert.That(leftovers, Is.Empty);
        Assert.That(restored.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit), restored.Reason);
        Assert.That((await store.TryRestoreAsync("x86_64", large.Key, _scratch.Combine("large-restored"))).Outcome, Is.EqualTo(ToolsCacheOutcome.Miss));
    }

    /// <summary>Every file under the store but the lock files, which stay empty and hold no entry.</summary>
    private static IReadOnlyList<string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(path => !path.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];

    private static FingerprintInputs Inputs(string parameter) =>
        new(new Dictionary<string, string> { ["arch"] = "x86_64", ["parameter"] = parameter, ["executor"] = "local" },
            new Dictionary<string, FileDigest> { ["fio/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });

    private string Tools(string name, string fio)
    {
        _scratch.Write($"{name}/bin/fio", fio, executable: true);
        return _scratch.Combine(name);
    }

    private string IncompressibleTools(string name, int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        Directory.CreateDirectory(_scratch.Combine(name, "bin"));
        File.WriteAllBytes(_scratch.Combine(name, "bin", "tool"), bytes);
        return _scratch.Combine(name);
    }
}
