using Kiln.Dist;
using Kiln.Targets;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Dist;

public class DistPackagerTests
{
    [Test]
    public void An_arch_archive_holds_the_launcher_licence_program_data_files_and_that_arch_tools()
    {
        using var checkout = new ReleaseCheckout();

        var written = checkout.Package();

        Assert.That(written, Is.EqualTo(new[] { "sysreport.tgz", "oss_source.tgz" }));
        Assert.That(ArchiveListing.Read(Path.Combine(checkout.Dist, "sysreport.tgz")).Select(f => f.Path), Is.EquivalentTo(new[]
        {
            "sysreport/sysreport", "sysreport/LICENSE", "sysreport/THIRD_PARTY_PROGRAMS", "sysreport/manifest.json",
            "sysreport/app/sysreport", "sysreport/pci.ids", "sysreport/tools/x86_64/bin/stress",
        }));
    }

    [Test]
    public void The_sources_archive_holds_each_tool_source_package_and_each_data_file_deb()
    {
        using var checkout = new ReleaseCheckout();

        checkout.Package();

        Assert.That(ArchiveListing.Read(Path.Combine(checkout.Dist, ReleaseFiles.Sources)).Select(f => f.Path),
            Is.EqualTo(new[] { "oss_source/pci.ids/pci.ids_all.deb", "oss_source/stress/stress_1.0.7-1.dsc" }));
    }

    [Test]
    public void Packing_the_same_inputs_twice_writes_the_same_bytes()
    {
        using var checkout = new ReleaseCheckout();
        checkout.Package();
        var first = File.ReadAllBytes(Path.Combine(checkout.Dist, "sysreport.tgz"));

        checkout.Package();

        Assert.That(File.ReadAllBytes(Path.Combine(checkout.Dist, "sysreport.tgz")), Is.EqualTo(first));
    }

    [Test]
    public void A_new_release_replaces_the_previous_dist_folder_whole()
    {
        using var checkout = new ReleaseCheckout();
        Directory.CreateDirectory(checkout.Dist);
        File.WriteAllText(Path.Combine(checkout.Dist, "sysreport-old.tgz"), "old");

        checkout.Package();

        Assert.That(Directory.GetFiles(checkout.Dist).Select(Path.GetFileName), Is.EquivalentTo(new[] { "sysreport.tgz", "oss_source.tgz" }));
    }

    [Test]
    public void A_binary_the_tools_manifest_lists_but_the_tools_folder_lacks_fails_and_leaves_the_previous_dist()
    {
        using var checkout = new ReleaseCheckout();
        Directory.CreateDirectory(checkout.Dist);
        File.WriteAllText(Path.Combine(checkout.Dist, "sysreport.tgz"), "previous release");
        File.Delete(Path.Combine(checkout.Layout.OutputDirectory(ReleaseCheckout.Arch), "bin", "stress"));

        var error = Assert.Throws<BuildException>(() => checkout.Package())!;

        Assert.That(error.Message, Does.Contain("lists bin/stress, which is missing"));
        Assert.That(File.ReadAllText(Path.Combine(checkout.Dist, "sysreport.tgz")), Is.EqualTo("previous release"));
        Assert.That(Directory.GetDirectories(checkout.Layout.BuildDirectory, "dist-staging-*"), Is.Empty);
    }

    [Test]
    public void An_arch_without_a_published_program_fails_naming_the_arch()
    {
        using var checkout = new ReleaseCheckout();

        var error = Assert.Throws<BuildException>(() =>
            new DistPackager(checkout.Layout, checkout.Revision, TextWriter.Null).Package([checkout.Tools], [], checkout.Layout.SourcesDirectory, checkout.Data))!;

        Assert.That(error.Message, Is.EqualTo("No sysreport program was published for x86_64."));
    }
}
