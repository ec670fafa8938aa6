using System.Diagnostics;
using System.Runtime.Versioning;
using Kiln.Caching;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching;

/// <summary>Several real processes share one store (tests/CacheStress is the other process), as parallel CI jobs do.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ToolsCacheConcurrencyTests
{
    private const string Arch = "x86_64";

    // Each round both racers publish the same key while the reader restores it: eight give many overlapping saves, and
    // the run stays well inside the time limit on a loaded two-core machine.
    private const string Rounds = "8";
    private static readonly TimeSpan Deadlock = TimeSpan.FromMinutes(3);
    private ScratchDirectory _scratch = null!;
    private string _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _scratch = new ScratchDirectory();
        _store = _scratch.Combine("tools-cache");
    }

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public void Two_processes_saving_and_restoring_the_same_keys_for_8_rounds_restore_only_complete_verified_trees()
    {
        var first = BuiltTools("first", files: 150, seed: 1);
        var second = BuiltTools("second", files: 150, seed: 2);
        var stopFile = _scratch.Combine("stop-reading");

        using var reader = StartStress("read", _store, Rounds, first, second, stopFile);
        using var one = StartStress("race", _store, Rounds, first, second);
        using var two = StartStress("race", _store, Rounds, second, first);
        var (oneExit, oneOutput) = Finish(one);
        var (twoExit, twoOutput) = Finish(two);
        File.WriteAllText(stopFile, "done");
        var (readerExit, readerOutput) = Finish(reader);

        Assert.That(oneExit, Is.Zero, oneOutput);
        Assert.That(twoExit, Is.Zero, twoOutput);
        Assert.That(readerExit, Is.Zero, readerOutput);
        Assert.That(CountVerified(oneOutput) + CountVerified(twoOutput), Is.EqualTo(2 * int.Parse(Rounds, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(readerOutput, Does.Not.StartWith("0 restores"));
        Assert.That(Directory.Exists(Path.Combine(_store, Arch, "quarantine")), Is.False, "no entry was ever seen torn");
    }

    [Test]
    public async Task A_process_killed_mid_save_leaves_no_entry_and_the_next_save_and_restore_succeed()
    {
        var large = BuiltTools("large", files: 4, seed: 3, fileSize: 24 * 1024 * 1024);
        var inputs = RoundInputs(7);

        using (var saver = StartStress("save", _store, "7", large))
        {
            WaitForPartialArchive(saver);
            saver.Kill();
            await saver.WaitForExitAsync();
        }

        var store = new ToolsCacheStore(_store);
        var afterKill = await store.TryRestoreAsync(Arch, inputs.Key, _scratch.Combine("after-kill"));
        await store.SaveAsync(Arch, inputs.Key, inputs, BuiltTools("small", files: 3, seed: 4));
        var afterSave = await store.TryRestoreAsync(Arch, inputs.Key, _scratch.Combine("after-save"));

        Assert.That(afterKill.Outcome, Is.EqualTo(ToolsCacheOutcome.Miss));
        Assert.That(File.Exists(store.MetadataPath(Arch, inputs.Key)), Is.True);
        Assert.That(afterSave.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit));
    }

    [Test]
    public async Task A_lock_left_by_a_killed_process_does_not_block_the_next_save()
    {
        var inputs = RoundInputs(3);
        using (var holder = StartStress("hold-lock", _store, "3"))
        {
            Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("locked"));
            holder.Kill();
            await holder.WaitForExitAsync();
        }

        var store = new ToolsCacheStore(_store, lockTimeout: TimeSpan.FromHours(1));
        var save = store.SaveAsync(Arch, inputs.Key, inputs, BuiltTools("built", files: 3, seed: 5));

        Assert.That(save.Wait(Deadlock), Is.True, "the save waited on a dead process's lock");
    }

    [Test]
    public async Task A_reader_never_waits_for_a_writer_holding_the_lock()
    {
        var inputs = RoundInputs(4);
        var store = new ToolsCacheStore(_store, lockTimeout: TimeSpan.FromHours(1));
        await store.SaveAsync(Arch, inputs.Key, inputs, BuiltTools("built", files: 3, seed: 6));
        using var holder = StartStress("hold-lock", _store, "4");
        Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("locked"));

        var restore = store.TryRestoreAsync(Arch, inputs.Key, _scratch.Combine("restored"));
        var finished = restore.Wait(Deadlock);
        holder.Kill();

        Assert.That(finished, Is.True, "the restore waited for the lock holder");
        Assert.That(restore.Result.Outcome, Is.EqualTo(ToolsCacheOutcome.Hit));
    }

    [Test]
    public async Task A_corrupt_entry_whose_lock_a_stopped_process_holds_is_reported_after_a_bounded_wait_and_not_used()
    {
        var inputs = RoundInputs(6);
        var store = new ToolsCacheStore(_store, lockTimeout: TimeSpan.FromHours(1));
        await store.SaveAsync(Arch, inputs.Key, inputs, BuiltTools("built", files: 3, seed: 8));
        File.WriteAllBytes(store.ArchivePath(Arch, inputs.Key), [0x1f, 0x8b]);
        using var holder = StartStress("hold-lock", _store, "6");
        Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("locked"));

        var restore = store.TryRestoreAsync(Arch, inputs.Key, _scratch.Combine("restored"));
        var finished = restore.Wait(Deadlock);
        holder.Kill();

        Assert.That(finished, Is.True, "the restore waited for the lock holder");
        Assert.That(restore.Result.Outcome, Is.EqualTo(ToolsCacheOutcome.Corrupt));
        Assert.That(restore.Result.Reason, Does.Contain("left in place"));
        Assert.That(Directory.Exists(_scratch.Combine("restored")), Is.False);
    }

    [Test]
    public void A_save_gives_up_with_a_clear_error_when_a_stopped_publisher_keeps_the_lock()
    {
        var inputs = RoundInputs(5);
        using var holder = StartStress("hold-lock", _store, "5");
        Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("locked"));
        var store = new ToolsCacheStore(_store, lockTimeout: TimeSpan.FromMilliseconds(200));

        var error = Assert.ThrowsAsync<IOException>(() => store.SaveAsync(Arch, inputs.Key, inputs, BuiltTools("built", files: 3, seed: 7)));
        holder.Kill();

        Assert.That(error!.Message, Does.Contain(".lock").And.Contain("probably stopped"));
    }

    private static FingerprintInputs RoundInputs(int round) =>
        new(new Dictionary<string, string> { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new Dictionary<string, FileDigest>());

    private string BuiltTools(string name, int files, int seed, int fileSize = 4096)
    {
        var random = new Random(seed);
        var bytes = new byte[fileSize];
        for (var i = 0; i < files; i++)
        {
            random.NextBytes(bytes);
            var path = _scratch.Combine(name, $"lib{i % 7}", $"tool-{i}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return _scratch.Combine(name);
    }

    private void WaitForPartialArchive(Process saver)
    {
        var archDirectory = Path.Combine(_store, Arch);
        var deadline = DateTime.UtcNow + Deadlock;
        while (DateTime.UtcNow < deadline && !saver.HasExited)
        {
            if (Directory.Exists(archDirectory) && Directory.EnumerateFiles(archDirectory, ".tmp-*").Any(path => new FileInfo(path).Length > 0))
                return;
            Thread.Sleep(10);
        }

        Assert.Fail($"The saving process never wrote a partial archive (exited: {saver.HasExited}).");
    }

    private static Process StartStress(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "CacheStress.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static (int ExitCode, string Output) Finish(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadlock))
            process.Kill();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static int CountVerified(string output) => output.Split('\n').Count(line => line.StartsWith("round", StringComparison.Ordinal) && line.EndsWith("verified", StringComparison.Ordinal));
}
