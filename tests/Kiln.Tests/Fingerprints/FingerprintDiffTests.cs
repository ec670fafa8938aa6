using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Fingerprints;

public sealed class FingerprintDiffTests
{
    private static readonly FingerprintInputs Saved = new(
        new Dictionary<string, string> { ["arch"] = "x86_64", ["toolchain"] = "gcc 12.2.0", ["parameter.lto"] = "off" },
        new Dictionary<string, FileDigest>
        {
            ["fio/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true),
            ["fio/tool.json"] = FileDigest.Regular(new string('b', 64), executable: false),
            ["stress/build.sh"] = FileDigest.Regular(new string('c', 64), executable: true),
        });

    [Test]
    public void Explain_names_the_changed_file_and_the_changed_named_inputs()
    {
        var current = new FingerprintInputs(
            new Dictionary<string, string> { ["arch"] = "x86_64", ["toolchain"] = "gcc 13.1.0", ["parameter.lto"] = "off" },
            Saved.Files.SetItem("fio/build.sh", FileDigest.Regular(new string('d', 64), executable: true)));

        var diff = FingerprintDiff.Between(Saved, current);

        Assert.That(diff.Changed, Is.EqualTo(new[] { "fio/build.sh" }));
        Assert.That(diff.ChangedInputs, Is.EqualTo(new[] { new NamedInputChange("toolchain", "gcc 12.2.0", "gcc 13.1.0") }));
        Assert.That(diff.ToParagraph(), Is.EqualTo("1 file changed (fio/build.sh); input toolchain changed: 'gcc 12.2.0' -> 'gcc 13.1.0'."));
    }

    [Test]
    public void Explain_lists_added_and_removed_files_and_inputs()
    {
        var current = new FingerprintInputs(
            new Dictionary<string, string> { ["arch"] = "aarch64", ["toolchain"] = "gcc 12.2.0", ["executor"] = "local" },
            Saved.Files.Remove("stress/build.sh").SetItem("numactl/build.sh", FileDigest.Regular(new string('e', 64), executable: true)));

        var diff = FingerprintDiff.Between(Saved, current);
        var lines = diff.ToDetailedLines(Saved, current);

        Assert.That(diff.Added, Is.EqualTo(new[] { "numactl/build.sh" }));
        Assert.That(diff.Removed, Is.EqualTo(new[] { "stress/build.sh" }));
        Assert.That(diff.ToParagraph(), Does.Contain("input arch changed: 'x86_64' -> 'aarch64'")
            .And.Contain("input executor added: 'local'")
            .And.Contain("input parameter.lto removed (was 'off')"));
        Assert.That(lines, Has.Some.StartsWith("added    numactl/build.sh").And.Some.StartsWith("removed  stress/build.sh"));
    }

    [Test]
    public void A_changed_multi_line_input_is_explained_by_the_lines_that_differ()
    {
        const string before = "aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0\nGNU ld (GNU Binutils for Debian) 2.40\ndpkg-query: no packages found matching libc6-dev-arm64-cross";
        const string after = "aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0\nGNU ld (GNU Binutils for Debian) 2.40\nlibc6-dev-arm64-cross 2.36-8cross1";
        var previous = new FingerprintInputs(new Dictionary<string, string> { ["toolchain"] = before }, Saved.Files);
        var current = new FingerprintInputs(new Dictionary<string, string> { ["toolchain"] = after }, Saved.Files);

        var diff = FingerprintDiff.Between(previous, current);

        Assert.That(diff.ToDetailedLines(previous, current), Is.EqualTo(new[]
        {
            "input    toolchain: changed lines:",
            "  -dpkg-query: no packages found matching libc6-dev-arm64-cross",
            "  +libc6-dev-arm64-cross 2.36-8cross1",
        }));
        Assert.That(diff.ToParagraph(), Is.EqualTo(
            "input toolchain changed: 'dpkg-query: no packages found matching libc6-dev-arm64-cross' -> 'libc6-dev-arm64-cross 2.36-8cross1'."));
    }

    [Test]
    public void A_mode_only_change_is_reported_as_a_changed_file()
    {
        var current = new FingerprintInputs(Saved.Named, Saved.Files.SetItem("fio/tool.json", FileDigest.Regular(new string('b', 64), executable: true)));

        var lines = FingerprintDiff.Between(Saved, current).ToDetailedLines(Saved, current);

        Assert.That(lines, Is.EqualTo(new[] { "changed  fio/tool.json: file sha256:bbbbbbbbbbbb -> executable sha256:bbbbbbbbbbbb" }));
    }

    [Test]
    public void Identical_inputs_have_an_empty_diff()
    {
        var diff = FingerprintDiff.Between(Saved, FingerprintInputs.FromJson(Saved.ToJson()));

        Assert.That(diff.IsEmpty, Is.True);
        Assert.That(diff.ToParagraph(), Is.EqualTo("No input differs."));
    }
}
