using System.Runtime.Versioning;
using Kiln.Targets.Fingerprints;
using Kiln.Tests.Caching;

namespace Kiln.Tests.Fingerprints;

[UnsupportedOSPlatform("windows")]
public sealed class FingerprinterTests
{
    private static readonly Dictionary<string, string> Named = new()
    {
        ["arch"] = "x86_64",
        ["executor"] = "docker",
        ["toolchain"] = "sha256:builder-image-id",
        ["parameter.fio-features"] = "default",
    };

    private ScratchDirectory _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchDirectory();

    [TearDown]
    public void DeleteScratch() => _scratch.Dispose();

    [Test]
    public void A_content_change_in_any_file_under_the_root_changes_the_key()
    {
        WriteRecipes("repo");
        var before = Fingerprint("repo");
        var keys = new HashSet<string>();

        foreach (var file in new[] { "tools/fio/build.sh", "tools/fio/tool.json", "tools/stress/patches/01-fix.patch" })
        {
            var path = _scratch.Combine("repo", file);
            var original = File.ReadAllText(path);
            File.WriteAllText(path, original + " ");
            keys.Add(Fingerprint("repo").Key);
            File.WriteAllText(path, original);
        }

        Assert.That(keys, Has.Count.EqualTo(3));
        Assert.That(keys, Has.None.EqualTo(before.Key));
        Assert.That(Fingerprint("repo").Key, Is.EqualTo(before.Key));
    }

    [Test]
    public void Adding_removing_or_renaming_a_file_changes_the_key()
    {
        WriteRecipes("repo");
        var original = Fingerprint("repo").Key;

        _scratch.Write("repo/tools/fio/extra.patch", "x");
        var added = Fingerprint("repo").Key;
        File.Move(_scratch.Combine("repo/tools/fio/extra.patch"), _scratch.Combine("repo/tools/fio/other.patch"));
        var renamed = Fingerprint("repo").Key;

        Assert.That(new[] { original, added, renamed }, Is.Unique);
    }

    [Test]
    public void Flipping_the_executable_bit_or_a_symlink_target_changes_the_key()
    {
        WriteRecipes("repo");
        var original = Fingerprint("repo").Key;

        File.SetUnixFileMode(_scratch.Combine("repo/tools/fio/build.sh"), (UnixFileMode)0b110_100_100);
        var notExecutable = Fingerprint("repo").Key;
        File.Delete(_scratch.Combine("repo/tools/current"));
        File.CreateSymbolicLink(_scratch.Combine("repo/tools/current"), "stress");
        var relinked = Fingerprint("repo").Key;

        Assert.That(new[] { original, notExecutable, relinked }, Is.Unique);
    }

    [Test]
    public void An_mtime_only_touch_keeps_the_key()
    {
        WriteRecipes("repo");
        var before = Fingerprint("repo").Key;

        foreach (var file in Directory.EnumerateFiles(_scratch.Combine("repo", "tools"), "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(3));

        Assert.That(Fingerprint("repo").Key, Is.EqualTo(before));
    }

    [Test]
    public void A_change_outside_the_root_keeps_the_key()
    {
        WriteRecipes("repo");
        var before = Fingerprint("repo").Key;

        _scratch.Write("repo/src/Program.cs", "// edited");
        _scratch.Write("repo/README.md", "edited");

        Assert.That(Fingerprint("repo").Key, Is.EqualTo(before));
    }

    [Test]
    public void Another_checkout_path_gives_the_same_key()
    {
        WriteRecipes("checkout-one");
        WriteRecipes("somewhere/else/checkout-two");

        Assert.That(Fingerprint("somewhere/else/checkout-two").Key, Is.EqualTo(Fingerprint("checkout-one").Key));
    }

    [Test]
    public void Target_arch_x86_64_and_aarch64_give_different_keys()
    {
        WriteRecipes("repo");
        var inputs = Fingerprint("repo");

        Assert.That(inputs.With("arch", "aarch64").Key, Is.Not.EqualTo(inputs.With("arch", "x86_64").Key));
    }

    [TestCase("parameter.fio-features", "no-libaio", TestName = "A_parameter_change_changes_the_key")]
    [TestCase("toolchain", "gcc (Debian 12.2.0-14) 12.2.0", TestName = "A_compiler_identity_change_changes_the_key")]
    [TestCase("executor", "local", TestName = "An_executor_change_changes_the_key")]
    [TestCase("builder-dockerfile", "sha256:0123", TestName = "A_new_named_input_changes_the_key")]
    public void A_named_input_change_changes_the_key(string name, string value)
    {
        WriteRecipes("repo");
        var inputs = Fingerprint("repo");

        Assert.That(inputs.With(name, value).Key, Is.Not.EqualTo(inputs.Key));
    }

    [Test]
    public void Named_inputs_cannot_be_confused_by_moving_text_between_name_and_value()
    {
        var files = new Dictionary<string, FileDigest>();

        var first = new FingerprintInputs(new Dictionary<string, string> { ["a b"] = "c" }, files);
        var second = new FingerprintInputs(new Dictionary<string, string> { ["a"] = "b c" }, files);

        Assert.That(second.Key, Is.Not.EqualTo(first.Key));
    }

    [Test]
    public void Inputs_survive_a_json_round_trip_with_the_same_key()
    {
        WriteRecipes("repo");
        var inputs = Fingerprint("repo");

        var reread = FingerprintInputs.FromJson(inputs.ToJson());

        Assert.That(reread.Key, Is.EqualTo(inputs.Key));
        Assert.That(reread.Files.Keys, Is.EqualTo(inputs.Files.Keys));
    }

    [Test]
    public void File_paths_are_relative_and_slash_separated()
    {
        WriteRecipes("repo");

        var inputs = Fingerprint("repo");

        Assert.That(inputs.Files.Keys, Is.EqualTo(new[]
        {
            "tools/current", "tools/fio/build.sh", "tools/fio/tool.json", "tools/stress/patches/01-fix.patch",
        }.Select(path => path["tools/".Length..])));
    }

    private FingerprintInputs Fingerprint(string checkout, string? statCache = null) =>
        Fingerprinter.Compute(_scratch.Combine(checkout, "tools"), Named, statCache);

    private void WriteRecipes(string checkout)
    {
        _scratch.Write($"{checkout}/tools/fio/build.sh", "#!/bin/sh\n./configure && make\n", executable: true);
        _scratch.Write($"{checkout}/tools/fio/tool.json", "{\"version\": \"3.33-3\"}");
        _scratch.Write($"{checkout}/tools/stress/patches/01-fix.patch", "--- a\n+++ b\n");
        File.CreateSymbolicLink(_scratch.Combine(checkout, "tools", "current"), "fio");
    }
}
