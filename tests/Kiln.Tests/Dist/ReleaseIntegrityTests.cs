using Kiln.Dist;

namespace Kiln.Tests.Dist;

public class ReleaseIntegrityTests
{
    [Test]
    public void Each_archive_gets_an_md5_file_that_md5sum_can_check()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();
        var archive = Path.Combine(checkout.Dist, "sysreport.tgz");

        ReleaseIntegrity.WriteChecksums(checkout.Dist);

        Assert.That(File.ReadAllText(archive + ReleaseFiles.Md5Suffix), Is.EqualTo($"{FileDigests.Md5(archive)}  sysreport.tgz\n"));
    }

    [Test]
    public void Sha256sums_lists_every_file_in_name_order_but_itself_and_the_provenance()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();
        File.WriteAllText(Path.Combine(checkout.Dist, Provenance.FileName), "{}");

        var sums = ReleaseIntegrity.WriteChecksums(checkout.Dist);

        var expected = new[] { "oss_source.tgz", "oss_source.tgz.md5.txt", "sysreport.tgz", "sysreport.tgz.md5.txt" }
            .Select(name => $"{FileDigests.Sha256(Path.Combine(checkout.Dist, name))}  {name}\n");
        Assert.That(File.ReadAllText(Path.Combine(checkout.Dist, ReleaseFiles.Sha256Sums)), Is.EqualTo(string.Concat(expected)));
        Assert.That(sums.Select(s => $"{s.Sha256}  {s.Name}\n"), Is.EqualTo(expected));
    }

    [Test]
    public void The_manifest_lists_each_archive_with_its_size_and_digest_and_each_arch_with_its_cache_key()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();

        var manifest = ReleaseIntegrity.WriteManifest(checkout.Dist, checkout.Revision, [checkout.Tools],
            new Dictionary<string, string> { [ReleaseCheckout.Arch] = "fe393808a5a7" }, checkout.Data);

        var archive = Path.Combine(checkout.Dist, "sysreport.tgz");
        Assert.That(manifest.Artifacts.Select(a => (a.Name, a.Size, a.Sha256)), Is.EqualTo(new[]
        {
            ("oss_source.tgz", new FileInfo(Path.Combine(checkout.Dist, "oss_source.tgz")).Length, FileDigests.Sha256(Path.Combine(checkout.Dist, "oss_source.tgz"))),
            ("sysreport.tgz", new FileInfo(archive).Length, FileDigests.Sha256(archive)),
        }));
        Assert.That(manifest.Tools[ReleaseCheckout.Arch].Fingerprint, Is.EqualTo("fe393808a5a7"));
        Assert.That(File.ReadAllText(Path.Combine(checkout.Dist, ReleaseManifest.FileName)), Is.EqualTo(manifest.ToJson()));
    }
}
