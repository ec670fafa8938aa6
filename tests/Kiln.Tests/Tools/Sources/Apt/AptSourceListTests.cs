using Kiln.Tools.Sources.Apt;

namespace Kiln.Tests.Tools.Sources.Apt;

public class AptSourceListTests
{
    [Test]
    public void One_line_binary_entries_become_source_entries_with_their_options()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("sources.list"),
            "# comment\ndeb [signed-by=/usr/share/keyrings/example.gpg] http://mirror.invalid/debian bookworm main\n\ndeb-src http://mirror.invalid/debian bookworm contrib\n");

        var derived = AptSourceList.DeriveSourceEntries(temp.Path);

        Assert.That(derived.OneLineEntries, Is.EqualTo(new[]
        {
            "deb-src [signed-by=/usr/share/keyrings/example.gpg] http://mirror.invalid/debian bookworm main",
            "deb-src http://mirror.invalid/debian bookworm contrib",
        }));
    }

    [Test]
    public void Deb822_stanzas_become_source_stanzas_keeping_signed_by_and_skipping_disabled_ones()
    {
        using var temp = new ScratchDirectory();
        Directory.CreateDirectory(temp.Combine("sources.list.d"));
        File.WriteAllText(temp.Combine("sources.list.d", "debian.sources"),
            "Types: deb\n# a comment\nURIs: http://mirror.invalid/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n" +
            "Types: deb\nURIs: http://other.invalid/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n");
        File.WriteAllText(temp.Combine("sources.list.d", "vendor.list.disabled"), "deb http://vendor.invalid/apt stable main\n");

        var derived = AptSourceList.DeriveSourceEntries(temp.Path);

        Assert.That(derived.Deb822Stanzas, Is.EqualTo(new[]
        {
            "Types: deb-src\nURIs: http://mirror.invalid/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg",
        }));
        Assert.That(derived.OneLineEntries, Is.Empty);
    }
}
