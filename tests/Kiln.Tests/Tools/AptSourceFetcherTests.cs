using Kiln.Fingerprints;
using Kiln.Tools;

namespace Kiln.Tests.Tools;

public class AptSourceFetcherTests
{
    private ScratchDirectory _temp = null!;
    private string _repository = null!;
    private string _aptConfiguration = null!;
    private ToolsLayout _layout = null!;
    private ToolRecipe _recipe = null!;

    [SetUp]
    public void CreateLocalRepository()
    {
        _temp = new ScratchDirectory();
        _repository = _temp.Combine("repository");
        Directory.CreateDirectory(_repository);
        var dsc = SourcePackageFixture.Build(_repository, "kilnhello", "1.0", new Dictionary<string, string> { ["hello.c"] = "int main(void) { return 0; }\n" });
        _recipe = SourcePackageFixture.RecipeFor(dsc, "kilnhello", "1.0");
        _aptConfiguration = SourcePackageFixture.ServeAsAptRepository(_repository, _temp.Combine("etc-apt"));
        _layout = new ToolsLayout(_temp.Combine("checkout"));
    }

    [TearDown]
    public void RemoveLocalRepository() => _temp.Dispose();

    [Test]
    public async Task A_fetched_source_package_lands_verified_in_the_download_cache_keyed_by_its_dsc_digest()
    {
        var fetcher = new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration);

        var cached = await fetcher.FetchAsync(_recipe, CancellationToken.None);

        Assert.That(cached, Is.EqualTo(Path.Combine(_layout.DownloadsDirectory, _recipe.DscSha256)));
        Assert.That(File.Exists(Path.Combine(cached, "kilnhello_1.0.dsc")), Is.True);
        Assert.That(new DirectoryInfo(cached).EnumerateFiles().Where(f => f.LinkTarget is not null), Is.Empty, "cache entries are real files, not links into the source");
    }

    [Test]
    public async Task Sources_are_assembled_one_folder_per_tool()
    {
        var fetcher = new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration);

        var sources = await fetcher.FetchAsync([_recipe], CancellationToken.None);

        Assert.That(File.Exists(Path.Combine(sources, "kilnhello", "kilnhello_1.0.dsc")), Is.True);
    }

    [Test]
    public void A_download_that_differs_from_the_pin_is_refused_naming_the_tool_and_both_digests()
    {
        var pinned = _recipe with { DscSha256 = new string('0', 64) };
        var fetcher = new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration);

        var error = Assert.ThrowsAsync<SourceVerificationException>(() => fetcher.FetchAsync(pinned, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello").And.Contain(new string('0', 64)).And.Contain(_recipe.DscSha256));
        Assert.That(Directory.Exists(Path.Combine(_layout.DownloadsDirectory, pinned.DscSha256)), Is.False, "nothing unverified is cached");
    }

    [Test]
    public void A_corrupted_download_is_refused_and_not_cached()
    {
        var tarball = Directory.GetFiles(_repository, "*.tar.xz").Single();
        File.WriteAllText(tarball, "corrupted in transit");
        var fetcher = new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration);

        var error = Assert.CatchAsync(() => fetcher.FetchAsync(_recipe, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("kilnhello"));
        Assert.That(Directory.Exists(Path.Combine(_layout.DownloadsDirectory, _recipe.DscSha256)), Is.False);
        Assert.That(Directory.GetDirectories(_layout.DownloadsDirectory), Is.Empty, "no partial download is left behind");
    }

    [Test]
    public async Task A_corrupted_cache_entry_is_fetched_again()
    {
        var fetcher = new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration);
        var cached = await fetcher.FetchAsync(_recipe, CancellationToken.None);
        var tarball = Directory.GetFiles(cached, "*.tar.xz").Single();
        var original = await File.ReadAllBytesAsync(tarball);
        await File.WriteAllTextAsync(tarball, "bit rot");

        await new AptSourceFetcher(_layout, TextWriter.Null, _aptConfiguration).FetchAsync(_recipe, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(tarball), Is.EqualTo(original));
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
}
