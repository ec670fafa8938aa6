using Kiln.Targets;
using Kiln.Targets.Foundation;
using Kiln.Tools.Sources.Apt;

namespace Kiln.Tests.Tools.Sources.Apt;

public sealed class AptSourcesTests
{
    private DirectoryInfo apt = null!;

    [SetUp]
    public void CreateAptDirectory()
    {
        apt = Directory.CreateTempSubdirectory("kiln-apt-");
        apt.CreateSubdirectory("sources.list.d");
    }

    [TearDown]
    public void RemoveAptDirectory() => apt.Delete(recursive: true);

    [Test]
    public void Mirror_is_found_in_a_deb822_sources_file()
    {
        Write("sources.list.d/debian.sources",
            "Types: deb\n# a comment\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
            + "Types: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n");

        Assert.That(AptSources.Read(apt.FullName).FindMirror("bookworm"), Is.EqualTo(new Uri("http://mirror.example/debian")));
    }

    [Test]
    public void Mirror_is_found_in_a_one_line_list_with_options()
    {
        Write("sources.list", "# deb http://commented.example/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main contrib\n");

        Assert.That(AptSources.Read(apt.FullName).FindMirror("bookworm"), Is.EqualTo(new Uri("http://mirror.example/debian")));
    }

    [Test]
    public void Entries_of_other_suites_source_types_and_disabled_stanzas_are_not_mirrors()
    {
        Write("sources.list", "deb-src http://src.example/debian bookworm main\ndeb http://vendor.example/apt cloud-sdk-bookworm main\n");
        Write("sources.list.d/off.sources", "Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\n");
        Write("sources.list.d/nodesource.sources", "Types: deb\nURIs: http://node.example/node\nSuites: nodistro\nComponents: main\n");

        var error = Assert.Throws<BuildException>(() => AptSources.Read(apt.FullName).FindMirror("bookworm"));

        Assert.That(error!.Message, Does.Contain("bookworm").And.Contain(Path.Combine(apt.FullName, "sources.list")));
    }

    private void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(apt.FullName, relativePath), text);
}
