using Kiln.Processes;
using Kiln.Tools;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tests.Tools.Sources;

/// <summary>Data recipes against a local apt repository holding one small binary package.</summary>
public class BinaryPackageFetcherTests
{
    private ScratchDirectory _temp = null!;
    private string _aptConfiguration = null!;
    private CheckoutLayout _layout = null!;
    private DataRecipe _recipe = null!;

    [SetUp]
    public async Task CreateLocalRepository()
    {
        _temp = new ScratchDirectory();
        var repository = _temp.Combine("repository");
        _temp.Write("package/DEBIAN/control", "Package: kiln-ids\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Kiln Tests <tests@kiln.invalid>\nDescription: test data\n");
        _temp.Write("package/usr/share/misc/kiln.ids", "8086  Intel Corporation\n");
        Directory.CreateDirectory(repository);
        await Run(_temp.Path, "dpkg-deb", "--root-owner-group", "--build", "package", Path.Combine(repository, "kiln-ids_1.0-1_all.deb"));
        var index = await ProcessRunner.CaptureAsync(["dpkg-scanpackages", "."], repository, CancellationToken.None);
        // The capture holds dpkg-scanpackages's own info line too; apt refuses a stanza without a Package field.
        File.WriteAllText(Path.Combine(repository, "Packages"), string.Join('\n', index.Split('\n').Where(l => !l.StartsWith("dpkg-scanpackages", StringComparison.Ordinal))));
        _aptConfiguration = _temp.Combine("etc-apt");
        _temp.Write("etc-apt/sources.list", $"deb [trusted=yes] file:{repository} ./\n");
        _layout = new CheckoutLayout(_temp.Combine("checkout"));
        _recipe = new DataRecipe("kiln.ids", "kiln-ids", "kiln-ids", "1.0-1", Kiln.Targets.Fingerprints.ContentHash.OfFile(Path.Combine(repository, "kiln-ids_1.0-1_all.deb")),
            "usr/share/misc/kiln.ids", "MIT", "tools/kiln.ids/data.json");
    }

    [TearDown]
    public void RemoveLocalRepository() => _temp.Dispose();

    [Test]
    public async Task The_pinned_deb_is_cached_by_its_digest_and_its_data_file_extracted()
    {
        var fetched = (await Fetcher().FetchAsync([_recipe], Downloader(), CancellationToken.None)).Single();

        Assert.That(fetched.DebFile, Is.EqualTo(Path.Combine(StoreRoot, _recipe.DebSha256, "kiln-ids_1.0-1_all.deb")));
        Assert.That(new FileInfo(fetched.DebFile).LinkTarget, Is.Null, "the cache holds a copy, not a link into the repository");
        Assert.That(File.ReadAllText(fetched.DataFile), Is.EqualTo("8086  Intel Corporation\n"));
    }

    [Test]
    public void A_deb_that_differs_from_the_pin_is_refused_naming_the_data_file_and_both_digests()
    {
        var pinned = _recipe with { DebSha256 = new string('0', 64) };
        var error = Assert.ThrowsAsync<SourceVerificationException>(() => Fetcher().FetchAsync([pinned], Downloader(), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kiln.ids").And.Contain(new string('0', 64)).And.Contain(_recipe.DebSha256));
        Assert.That(Directory.Exists(Path.Combine(StoreRoot, pinned.DebSha256)), Is.False, "nothing unverified is stored");
    }

    private string StoreRoot => _temp.Combine("tools-cache", "sources");

    private BinaryPackageFetcher Fetcher() => new(_layout, new SourcePackageStore(StoreRoot, TextWriter.Null), TextWriter.Null);

    private HostAptSourceDownloader Downloader() => new(_layout.AptDirectory, _aptConfiguration);

    private static async Task Run(string directory, params string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = await ProcessRunner.RunAsync(arguments, directory, null, output, CancellationToken.None);
        Assert.That(exitCode, Is.Zero, output.ToString());
    }
}
