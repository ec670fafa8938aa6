using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources.Snapshot;

namespace Kiln.Tests.Tools.Sources;

public sealed class SnapshotSourceFilesTests
{
    private const string Sha1 = "0123456789abcdef0123456789abcdef01234567";

    [Test]
    public void The_listing_gives_each_file_name_its_sha1()
    {
        var files = SnapshotSourceFiles.Parse($$$"""
            {"_comment": "foo", "package": "ethtool", "version": "1:6.1-1", "result": [{"hash": "{{{Sha1}}}"}],
             "fileinfo": {"{{{Sha1}}}": [{"name": "ethtool_6.1.orig.tar.xz", "archive_name": "debian", "path": "/pool/main/e/ethtool", "first_seen": "20221216T000000Z", "size": 1}]}}
            """);

        Assert.That(files.Sha1sOf("ethtool_6.1.orig.tar.xz"), Is.EqualTo(new[] { Sha1 }));
        Assert.That(files.Sha1sOf("ethtool_6.1-1.dsc"), Is.Empty);
    }

    [Test]
    public void A_hash_that_is_not_a_sha1_is_refused_before_it_reaches_a_url()
    {
        var error = Assert.Throws<InvalidDataException>(() => SnapshotSourceFiles.Parse("""
            {"result": [{"hash": "../../etc/passwd"}], "fileinfo": {}}
            """))!;

        Assert.That(error.Message, Does.Contain("../../etc/passwd"));
    }

    [Test]
    public void A_version_with_an_epoch_is_asked_for_with_its_epoch()
    {
        var archive = SnapshotArchive.Create("https://mirror.invalid/snapshot", Parameter);

        var url = archive.SourceFilesUrl(new ToolRecipe("ethtool", ToolKind.Tool, "ethtool", "1:6.1-1", new string('0', 64), [], ["ethtool"], "GPL-2.0-only", [], "tools/ethtool/tool.json"));

        Assert.That(url.AbsoluteUri, Is.EqualTo("https://mirror.invalid/snapshot/mr/package/ethtool/1%3A6.1-1/srcfiles?fileinfo=1"));
    }

    [Test]
    public void A_base_url_that_is_not_http_is_refused_naming_the_parameter()
    {
        var error = Assert.Throws<BuildException>(() => SnapshotArchive.Create("ftp://mirror.invalid/", Parameter))!;

        Assert.That(error.Message, Does.Contain("--snapshot-archive-url").And.Contain("KILN_SNAPSHOT_ARCHIVE_URL").And.Contain("ftp://mirror.invalid/"));
    }

    [Test]
    public void Without_a_snapshot_archive_a_package_apt_does_not_serve_fails_with_apts_message_saying_what_to_set()
    {
        var archive = SnapshotArchive.Create("", Parameter);
        var recipe = new ToolRecipe("ethtool", ToolKind.Tool, "ethtool", "1:6.1-1", new string('0', 64), [], ["ethtool"], "GPL-2.0-only", [], "tools/ethtool/tool.json");

        var error = Assert.ThrowsAsync<BuildException>(() => archive.FetchAsync(recipe, Path.GetTempPath(), "E: Can not find version '1:6.1-1'", TextWriter.Null, CancellationToken.None))!;

        Assert.That(archive.IsSet, Is.False);
        Assert.That(error.Message, Does.StartWith("E: Can not find version '1:6.1-1'")
            .And.Contain("no snapshot archive is set").And.Contain("--snapshot-archive-url").And.Contain("KILN_SNAPSHOT_ARCHIVE_URL"));
    }

    private static ParameterName Parameter => new("SnapshotArchiveUrl", "KILN");
}
