using SysReport.Install;
using SysReport.Tests.Support;

namespace SysReport.Tests.Install;

public class DistManifestReaderTests
{
    [Test]
    public void A_release_manifest_is_read_with_its_tools()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools);

        var manifest = DistManifestReader.Read(install.Layout.ManifestPath);

        Assert.That(manifest.Version, Is.EqualTo("1.2.3"));
        Assert.That(manifest.Tools.Select(t => t.Name), Is.EqualTo(new[] { "fio", "pciutils" }));
        Assert.That(manifest.Tools[1].Binaries, Is.EqualTo(new[] { "lspci", "setpci" }));
    }

    [Test]
    public void A_missing_field_is_named_with_the_file()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools.Replace("\"sourcePackage\": \"fio\",", ""));

        var error = Assert.Throws<InvalidDataException>(() => DistManifestReader.Read(install.Layout.ManifestPath))!;

        Assert.That(error.Message, Is.EqualTo($"{install.Layout.ManifestPath}: $.tools[0]: missing required field 'sourcePackage' (line 7)"));
    }

    [Test]
    public void A_null_or_mistyped_field_is_named_with_its_path()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools.Replace("\"version\": \"3.33-3\"", "\"version\": 3.33"));

        var error = Assert.Throws<InvalidDataException>(() => DistManifestReader.Read(install.Layout.ManifestPath))!;

        Assert.That(error.Message, Is.EqualTo($"{install.Layout.ManifestPath}: $.tools[0].version: the value is null or of the wrong type (line 7)"));
    }

    [Test]
    public void Malformed_json_is_reported_with_the_file_and_position()
    {
        using var install = new FakeInstall().WithManifest("{\"version\": \"1.2.3\",\n \"tools\": [ }");

        var error = Assert.Throws<InvalidDataException>(() => DistManifestReader.Read(install.Layout.ManifestPath))!;

        Assert.That(error.Message, Does.StartWith(install.Layout.ManifestPath).And.EndWith("(line 2)"));
    }

    [Test]
    public void A_missing_manifest_says_where_it_was_looked_for()
    {
        using var install = new FakeInstall();

        var error = Assert.Throws<InvalidDataException>(() => DistManifestReader.Read(install.Layout.ManifestPath))!;

        Assert.That(error.Message, Does.StartWith(install.Layout.ManifestPath).And.Contains("SYSREPORT_HOME"));
    }
}
