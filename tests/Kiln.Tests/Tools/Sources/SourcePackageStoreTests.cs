using Kiln.Targets.Fingerprints;
using Kiln.Tools;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tests.Tools.Sources;

public class SourcePackageStoreTests
{
    private ScratchDirectory _temp = null!;
    private string _repository = null!;
    private string _aptConfiguration = null!;
    private CheckoutLayout _layout = null!;
    private ToolRecipe _recipe = null!;
    private string _storeRoot = null!;
    private CountingDownloader _downloader = null!;

    [SetUp]
    public void CreateLocalRepository()
    {
        _temp = new ScratchDirectory();
        _repository = _temp.Combine("repository");
        Directory.CreateDirectory(_repository);
        var dsc = SourcePackageFixture.Build(_repository, "kilnhello", "1.0", new Dictionary<string, string> { ["hello.c"] = "int main(void) { return 0; }\n" });
        _recipe = SourcePackageFixture.RecipeFor(dsc, "kilnhello", "1.0");
        _aptConfiguration = SourcePackageFixture.ServeAsAptRepository(_repository, _temp.Combine("etc-apt"));
        _layout = new CheckoutLayout(_temp.Combine("checkout"));
        _storeRoot = _temp.Combine("tools-cache", "sources");
        _downloader = new CountingDownloader(new HostAptSourceDownloader(_layout.AptDirectory, _aptConfiguration));
    }

    [TearDown]
    public void RemoveLocalRepository() => _temp.Dispose();

    [Test]
    public async Task A_downloaded_source_package_lands_verified_in_the_store_keyed_by_its_dsc_digest()
    {
        var store = Store();

        await store.AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None);

        var cached = store.TryGetVerified(_recipe)!;
        Assert.That(cached, Is.EqualTo(Path.Combine(_storeRoot, _recipe.DscSha256)));
        Assert.That(File.Exists(Path.Combine(cached, "kilnhello_1.0.dsc")), Is.True);
        Assert.That(new DirectoryInfo(cached).EnumerateFiles().Where(f => f.LinkTarget is not null), Is.Empty, "cache entries are real files, not links into the source");
    }

    [Test]
    public async Task Sources_are_assembled_one_folder_per_tool()
    {
        var sources = await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None);

        Assert.That(File.Exists(Path.Combine(sources, "kilnhello", "kilnhello_1.0.dsc")), Is.True);
    }

    [Test]
    public async Task A_package_the_store_holds_is_used_without_asking_apt()
    {
        await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None);
        var offline = new CountingDownloader(new FailingDownloader());

        var sources = await Store().AssembleAsync([_recipe], _temp.Combine("other-checkout", "sources"), offline, CancellationToken.None);

        Assert.That(offline.Calls, Is.Zero);
        Assert.That(File.Exists(Path.Combine(sources, "kilnhello", "kilnhello_1.0.dsc")), Is.True);
    }

    [Test]
    public void A_download_that_differs_from_the_pin_is_refused_naming_the_tool_and_both_digests()
    {
        var pinned = _recipe with { DscSha256 = new string('0', 64) };

        var error = Assert.ThrowsAsync<SourceVerificationException>(() =>
            Store().AssembleAsync([pinned], _layout.SourcesDirectory, _downloader, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello").And.Contain(new string('0', 64)).And.Contain(_recipe.DscSha256));
        Assert.That(Directory.Exists(Path.Combine(_storeRoot, pinned.DscSha256)), Is.False, "nothing unverified is stored");
    }

    [Test]
    public void A_package_apt_does_not_serve_fails_naming_it_once_the_others_are_downloaded()
    {
        var unserved = _recipe with { Name = "kilnbye", SourcePackage = "kilnbye", RecipeFile = "tools/kilnbye/tool.json" };
        var scratch = _temp.Combine("downloads");

        var error = Assert.ThrowsAsync<AptDownloadException>(() =>
            new HostAptSourceDownloader(_layout.AptDirectory, _aptConfiguration).DownloadSourcesAsync([unserved, _recipe], scratch, TextWriter.Null, CancellationToken.None))!;

        Assert.That(error.Failures.Select(f => f.Name), Is.EqualTo(new[] { "kilnbye" }));
        Assert.That(error.Message, Does.Contain("kilnbye=1.0").And.Contain("tools/kilnbye/tool.json"));
        Assert.That(File.Exists(Path.Combine(scratch, "kilnhello", "kilnhello_1.0.dsc")), Is.True);
    }

    [Test]
    public void A_corrupted_download_is_refused_and_not_cached()
    {
        var tarball = Directory.GetFiles(_repository, "*.tar.xz").Single();
        File.WriteAllText(tarball, "corrupted in transit");

        var error = Assert.CatchAsync(() => Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("kilnhello"));
        Assert.That(Directory.Exists(Path.Combine(_storeRoot, _recipe.DscSha256)), Is.False);
        Assert.That(Directory.GetDirectories(_storeRoot), Is.Empty, "no partial download is left behind");
    }

    [Test]
    public async Task A_corrupted_store_entry_is_downloaded_again()
    {
        await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None);
        var tarball = Directory.GetFiles(Path.Combine(_storeRoot, _recipe.DscSha256), "*.tar.xz").Single();
        var original = await File.ReadAllBytesAsync(tarball);
        await File.WriteAllTextAsync(tarball, "bit rot");

        await Store().AssembleAsync([_recipe], _layout.SourcesDirectory, _downloader, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(tarball), Is.EqualTo(original));
        Assert.That(_downloader.Calls, Is.EqualTo(2));
    }

    [Test]
    public void A_tarball_that_differs_from_its_dsc_is_refused_naming_the_file_and_both_digests()
    {
        var copy = _temp.Combine("copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(_repository, "kilnhello_*"))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var tarball = Directory.GetFiles(copy, "*.tar.xz").Single();
        var expected = ContentHash.OfFile(tarball);
        File.AppendAllText(tarball, "x");

        var error = Assert.Throws<SourceVerificationException>(() => SourcePackageVerifier.Verify(_recipe, copy))!;

        Assert.That(error.Message, Does.Contain("kilnhello_1.0.tar.xz").And.Contain(expected).And.Contain(ContentHash.OfFile(tarball)));
    }

    private SourcePackageStore Store() => new(_storeRoot, TextWriter.Null);

    private sealed class CountingDownloader(ISourcePackageDownloader inner) : ISourcePackageDownloader
    {
        public int Calls { get; private set; }

        public Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.DownloadSourcesAsync(recipes, directory, log, cancellationToken);
        }

        public Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
            throw new NotSupportedException("source packages only");
    }

    private sealed class FailingDownloader : ISourcePackageDownloader
    {
        public Task DownloadSourcesAsync(IReadOnlyList<ToolRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("apt must not be asked");

        public Task DownloadBinaryPackagesAsync(IReadOnlyList<DataRecipe> recipes, string directory, TextWriter log, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("apt must not be asked");
    }
}
