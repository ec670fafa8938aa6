using System.Security.Cryptography;
using Kiln.Targets.Fingerprints;
using Kiln.Testing;

namespace Build.Tests;

/// <summary>
/// Dist, Manifest and Checksums are skipped when nothing they are made of changed, and run again, each exactly when one
/// of its inputs or its own files changed; whatever ran, <c>dist/</c> ends byte-identical to the clean build's. The copy's
/// release is small (stress for aarch64, whose program is the single-file publish, not the slower NativeAOT one) so that
/// the set-up compiles one tool, not every tool for both arches, and a product change republishes one quick program.
/// </summary>
[TimeLimit(600, OneTimeSetUpSeconds = 900, Why = "the set-up compiles stress for one arch and publishes the program; one test republishes it")]
public class UpToDateReleaseTests
{
    private static readonly string[] Release = ["Dist", "Manifest", "Checksums"];
    private static readonly string[] Small = ["--executor", "local", "--arch", "aarch64", "--tools", "stress"];

    private RepositoryCopy _repository = null!;
    private Dictionary<string, string> _clean = null!;

    [OneTimeSetUp]
    public void BuildTheReleaseOnce()
    {
        _repository = RepositoryCopy.Create("up-to-date");
        var first = Dist();
        Assert.That(first.ExitCode, Is.Zero, first.All);
        _clean = Digests();
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    private string DistDirectory => _repository.PathOf("dist");

    [Test, Order(1)]
    public void A_second_dist_packs_nothing_and_leaves_every_file_of_dist_as_it_was()
    {
        var before = Stats();

        var second = Dist();

        Assert.That(second.ExitCode, Is.Zero, second.All);
        foreach (var target in Release)
            Assert.That(second.Output, Does.Match($@"{target}\s+UpToDate\s+inputs unchanged \([0-9a-f]{{12}}\), \d+ outputs? intact"));
        Assert.That(Stats(), Is.EqualTo(before), "same inode and mtime for every file");
    }

    [Test, Order(2)]
    public void Touching_every_file_of_the_repository_keeps_the_release_up_to_date()
    {
        var later = DateTime.UtcNow.AddMinutes(1);
        foreach (var file in Directory.EnumerateFiles(_repository.Root, "*", SearchOption.AllDirectories))
        {
            if (!file.Contains("/.git/", StringComparison.Ordinal) && !File.GetAttributes(file).HasFlag(FileAttributes.ReparsePoint))
                File.SetLastWriteTimeUtc(file, later);
        }

        var before = Stats();

        var touched = Dist();

        Assert.That(touched.ExitCode, Is.Zero, touched.All);
        Assert.That(RanOf(touched), Is.Empty, touched.Output);
        Assert.That(Stats(), Is.EqualTo(before));
    }

    [Test, Order(3)]
    public void Another_SOURCE_DATE_EPOCH_reruns_the_whole_release_and_the_usual_one_gives_the_clean_bytes_back()
    {
        var changed = Dist("--source-date-epoch", "1700000000");
        var back = Dist();

        Assert.That(RanOf(changed), Is.EqualTo(Release), changed.Output);
        Assert.That(changed.Output, Does.Contain("Dist runs: inputs changed: input SOURCE_DATE_EPOCH changed"));
        Assert.That(RanOf(back), Is.EqualTo(Release), back.Output);
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(4)]
    public void A_changed_recipe_reruns_the_whole_release_through_the_tools_key()
    {
        var (changed, back) = DistWithEditThenWithout("tools/stress/build.sh", text => text + "# edited by a test\n");

        Assert.That(changed.ExitCode, Is.Zero, changed.All);
        Assert.That(RanOf(changed), Is.EqualTo(Release), changed.Output);
        Assert.That(changed.Output, Does.Contain("Dist runs: inputs changed: input tools-key.aarch64 changed"));
        Assert.That(RanOf(back), Is.EqualTo(Release), back.Output);
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(5)]
    public void A_changed_data_file_recipe_reruns_the_whole_release()
    {
        var (changed, back) = DistWithEditThenWithout("tools/pci.ids/data.json", text => text.Replace("BSD-3-Clause", "BSD-3-clause", StringComparison.Ordinal));

        Assert.That(changed.ExitCode, Is.Zero, changed.All);
        Assert.That(RanOf(changed), Is.EqualTo(Release), changed.Output);
        Assert.That(changed.Output, Does.Contain("Dist runs: inputs changed:").And.Contain("tools/pci.ids/data.json"));
        Assert.That(RanOf(back), Is.EqualTo(Release), back.Output);
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(6)]
    public void A_deleted_checksum_file_reruns_only_the_target_that_writes_it()
    {
        File.Delete(Path.Combine(DistDirectory, "SHA256SUMS"));

        var result = Dist();

        Assert.That(RanOf(result), Is.EqualTo(new[] { "Checksums" }), result.Output);
        Assert.That(result.Output, Does.Contain("Checksums runs: outputs changed since it ran: 1 file removed (dist/SHA256SUMS)"));
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(7)]
    public void An_edited_manifest_reruns_only_the_target_that_writes_it()
    {
        File.AppendAllText(Path.Combine(DistDirectory, "manifest.json"), " ");

        var result = Dist();

        Assert.That(RanOf(result), Is.EqualTo(new[] { "Manifest" }), "Manifest writes the same bytes again, so Checksums stays up to date: " + result.Output);
        Assert.That(result.Output, Does.Contain("Manifest runs: outputs changed since it ran: 1 file changed (dist/manifest.json)"));
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(8)]
    public void A_deleted_archive_reruns_the_target_that_writes_it_and_the_result_is_the_clean_one()
    {
        File.Delete(Path.Combine(DistDirectory, "sysreport-aarch64.tgz"));

        var result = Dist();

        Assert.That(result.Output, Does.Contain("Dist runs: outputs changed since it ran: 1 file removed (dist/sysreport-aarch64.tgz)"));
        Assert.That(RanOf(result), Does.Contain("Dist"), result.Output);
        Assert.That(Digests(), Is.EqualTo(_clean));
    }

    [Test, Order(9)]
    public void A_changed_byte_of_the_product_reruns_the_whole_release()
    {
        var source = _repository.PathOf("src/SysReport/Cli/CommandLine.cs");
        File.WriteAllText(source, File.ReadAllText(source).Replace("usage: sysreport", "Usage: sysreport", StringComparison.Ordinal));

        var changed = Dist();

        Assert.That(changed.ExitCode, Is.Zero, changed.All);
        Assert.That(RanOf(changed), Is.EqualTo(Release), changed.Output);
        Assert.That(changed.Output, Does.Contain("Dist runs: inputs changed: 1 file changed (.build/publish/sysreport/aarch64/sysreport)"));
    }

    private ProcessResult Dist(params string[] args) => _repository.BuildSh(["Dist", .. Small, .. args]);

    /// <summary>A Dist with one file of the repository edited, then, the edit undone, another Dist.</summary>
    private (ProcessResult Changed, ProcessResult Back) DistWithEditThenWithout(string file, Func<string, string> edit)
    {
        var path = _repository.PathOf(file);
        var original = File.ReadAllText(path);
        File.WriteAllText(path, edit(original));
        ProcessResult changed;
        try
        {
            changed = Dist();
        }
        finally
        {
            File.WriteAllText(path, original);
        }

        return (changed, Dist());
    }

    /// <summary>Which of Dist, Manifest and Checksums ran (rather than being up to date), in order.</summary>
    private static List<string> RanOf(ProcessResult result) =>
        Release.Where(target => System.Text.RegularExpressions.Regex.IsMatch(result.Output, $@"\n\s*{target}\s+Succeeded")).ToList();

    private Dictionary<string, FileStat> Stats() =>
        Directory.GetFiles(DistDirectory).ToDictionary(file => Path.GetFileName(file), file => FileStat.Read(file));

    private Dictionary<string, string> Digests() =>
        Directory.GetFiles(DistDirectory).ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
}
