using Kiln.Dist;
using Kiln.Targets.Foundation;

namespace Kiln.Tests.Dist;

public class PublishHostTests
{
    [Test]
    public void An_x86_64_host_publishing_both_arches_needs_gcc_binutils_and_the_C_library_headers_once()
    {
        var needed = PublishHost.PrerequisitesFor(["x86_64", "aarch64"], "x86_64", BuildParameters.Named("Arch"));

        Assert.That(needed.Select(p => p.What), Is.EqualTo(new[] { PublishHost.NativeAotLinker, "ld", "objcopy", "/usr/include/stdio.h" }));
        Assert.That(needed.Select(p => p.Package).Distinct(), Is.EqualTo(new[] { "gcc", "binutils", "libc6-dev" }));
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void The_single_file_arch_needs_nothing_but_the_sdk_on_any_host(string hostArch) =>
        Assert.That(PublishHost.PrerequisitesFor(["aarch64"], hostArch, BuildParameters.Named("Arch")), Is.Empty);

    [Test]
    public void An_aarch64_host_asked_for_the_nativeaot_x86_64_program_fails_naming_the_arch_the_mode_and_the_host_it_needs()
    {
        var error = Assert.Throws<BuildException>(() => PublishHost.PrerequisitesFor(["aarch64", "x86_64"], "aarch64", BuildParameters.Named("Arch")))!;

        Assert.That(error.Message, Does.Contain("The x86_64 program is published as nativeaot, which this aarch64 host cannot make")
            .And.Contain("it needs an x86_64 host (with gcc, binutils and the C library's headers)")
            .And.EndWith("publish x86_64 on an x86_64 host, or leave it out of --arch."));
    }

    [Test]
    public async Task The_nativeaot_link_is_named_by_the_versions_of_gcc_and_ld()
    {
        var identity = await PublishHost.NativeAotLinkerIdentityAsync(Environment.CurrentDirectory, CancellationToken.None);

        Assert.That(identity, Does.Match(@"^gcc .*\d+\.\d+.*; GNU ld .*\d+\.\d+"));
    }

    [Test]
    public void The_packages_are_asked_for_by_the_nativeaot_publish_of_its_arches()
    {
        Assert.That(PublishHost.Purpose(["x86_64", "aarch64"]), Is.EqualTo("The nativeaot publish of x86_64"));
    }
}
