using Kiln.Targets;
using Kiln.Targets.Fingerprints;
using Kiln.Targets.Foundation;
using Kiln.Tests.Caching.Remote;
using Kiln.Tools;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;
using Kiln.Tools.Sources.Snapshot;

namespace Kiln.Tests.Tools.Sources;

/// <summary>
/// A pin the apt mirror has moved on from: the test apt source serves kilnhello 2.0 only, the recipe pins 1.0, and a
/// real nginx on loopback serves 1.0 in the layout of Debian's snapshot archive.
/// </summary>
public sealed class SnapshotArchiveTests : NginxServerPerTest
{
    private ToolRecipe _recipe = null!;
    private string _published = null!;
    private IReadOnlyDictionary<string, string> _sha1s = null!;
    private CheckoutLayout _layout = null!;
    private HostAptSourceDownloader _apt = null!;
    private string _storeRoot = null!;

    [SetUp]
    public void PublishPinnedVersionOnlyInTheSnapshotArchive()
    {
        var repository = Scratch.Combine("repository");
        Directory.CreateDirectory(repository);
        SourcePackageFixture.Build(repository, "kilnhello", "2.0", new Dictionary<string, string> { ["hello.c"] = "int main(void) { return 2; }\n" });
        _apt = new HostAptSourceDownloader(Scratch.Combine("apt-state"), SourcePackageFixture.ServeAsAptRepository(repository, Scratch.Combine("etc-apt")));

        _published = Scratch.Combine("snapshot-1.0");
        Directory.CreateDirectory(_published);
        var dsc = SourcePackageFixture.Build(_published, "kilnhello", "1.0", new Dictionary<string, string> { ["hello.c"] = "int main(void) { return 1; }\n" });
        _recipe = SourcePackageFixture.RecipeFor(dsc, "kilnhello", "1.0");
        _sha1s = SnapshotArchiveLayout.Publish(Server.Root, "kilnhello", "1.0", _published);

        _layout = new CheckoutLayout(Scratch.Combine("checkout"));
        _storeRoot = Scratch.Combine("tools-cache", "sources");
    }

    [Test]
    public async Task A_version_apt_does_not_serve_comes_verified_from_the_snapshot_archive()
    {
        var sources = await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _apt, CancellationToken.None);

        foreach (var file in Directory.GetFiles(_published))
            Assert.That(File.ReadAllBytes(Path.Combine(sources, "kilnhello", Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)));
        Assert.That(Store().TryGetVerified(_recipe), Is.EqualTo(Path.Combine(_storeRoot, _recipe.DscSha256)), "the store keeps it like an apt download");
        Assert.That((await Server.RequestsAsync()).Select(r => (r.Path, r.Status)), Is.SupersetOf(new[]
        {
            ("/kiln/mr/package/kilnhello/1.0/srcfiles", 200),
            ($"/kiln/file/{_sha1s["kilnhello_1.0.dsc"]}", 200),
            ($"/kiln/file/{_sha1s["kilnhello_1.0.tar.xz"]}", 200),
        }));
    }

    [Test]
    public async Task A_version_apt_serves_never_asks_the_snapshot_archive()
    {
        foreach (var file in Directory.GetFiles(_published))
            File.Copy(file, Path.Combine(Scratch.Combine("repository"), Path.GetFileName(file)));
        var apt = new HostAptSourceDownloader(Scratch.Combine("apt-state-2"), SourcePackageFixture.ServeAsAptRepository(Scratch.Combine("repository"), Scratch.Combine("etc-apt-2")));

        await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, apt, CancellationToken.None);

        Assert.That(await Server.RequestsAsync(), Is.Empty);
    }

    [Test]
    public void A_tampered_file_in_the_snapshot_archive_is_refused_naming_it()
    {
        var tarball = Path.Combine(_published, "kilnhello_1.0.tar.xz");
        var served = Path.Combine(Server.Root, "file", _sha1s["kilnhello_1.0.tar.xz"]);
        File.AppendAllText(served, "tampered");

        var error = Assert.ThrowsAsync<SourceVerificationException>(() => Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _apt, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello_1.0.tar.xz").And.Contain($"{Server.Url}/file/{_sha1s["kilnhello_1.0.tar.xz"]}")
            .And.Contain(ContentHash.OfFile(tarball)).And.Contain(ContentHash.OfFile(served)));
        Assert.That(Directory.Exists(_storeRoot) ? Directory.GetFileSystemEntries(_storeRoot) : [], Is.Empty, "nothing unverified is stored");
    }

    [Test]
    public async Task A_tampered_dsc_in_the_snapshot_archive_is_refused_before_any_file_it_lists_is_asked_for()
    {
        File.AppendAllText(Path.Combine(Server.Root, "file", _sha1s["kilnhello_1.0.dsc"]), "\n");

        var error = Assert.ThrowsAsync<SourceVerificationException>(() => Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _apt, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello_1.0.dsc").And.Contain(_recipe.DscSha256).And.Contain("dscSha256"));
        Assert.That((await Server.RequestsAsync()).Select(r => r.Path), Has.None.EqualTo($"/kiln/file/{_sha1s["kilnhello_1.0.tar.xz"]}"));
    }

    [Test]
    public void A_version_the_snapshot_archive_lacks_fails_naming_the_package_the_version_and_the_url()
    {
        File.Delete(SnapshotArchiveLayout.SourceFilesPath(Server.Root, "kilnhello", "1.0"));

        var error = Assert.ThrowsAsync<BuildException>(() => Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _apt, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("source package kilnhello version 1.0")
            .And.Contain($"{Server.Url}/mr/package/kilnhello/1.0/srcfiles?fileinfo=1").And.Contain("404")
            .And.Contain("--snapshot-archive-url"));
    }

    [Test]
    public void Without_a_snapshot_archive_the_apt_failure_stands()
    {
        var store = new SourcePackageStore(_storeRoot, TextWriter.Null);

        var error = Assert.ThrowsAsync<AptDownloadException>(() => store.AssembleAsync([_recipe], _layout.SourcesDirectory, _apt, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello=1.0"));
    }

    private SourcePackageStore Store() => new(_storeRoot, TextWriter.Null)
    {
        Snapshot = SnapshotArchive.Create(Server.Url, new ParameterName("SnapshotArchiveUrl", "KILN")),
    };
}
