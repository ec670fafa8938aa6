using Kiln.Tools;

namespace Kiln.Tests.Tools;

public class HostPrerequisitesTests
{
    [Test]
    public void The_aarch64_build_needs_the_cross_compiler_and_cross_libc()
    {
        var packages = HostPrerequisites.For([ToolArchitecture.Aarch64]).Select(p => p.Package).ToList();

        Assert.That(packages, Does.Contain("gcc-aarch64-linux-gnu").And.Contain("libc6-dev-arm64-cross").And.Contain("dpkg-dev").And.Contain("autoconf"));
    }

    [Test]
    public void The_install_command_names_each_package_once()
    {
        HostPrerequisite[] missing = [new("a-gcc", "gcc-a"), new("a-strip", "binutils-a"), new("a-ld", "binutils-a")];

        Assert.That(HostPrerequisites.InstallCommand(missing), Is.EqualTo("apt-get install -y --no-install-recommends binutils-a gcc-a"));
    }

    [Test]
    public void Missing_prerequisites_off_Debian_fail_once_naming_every_package_and_the_command()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("os-release"), "ID=fedora\nID_LIKE=\"rhel centos\"\n");
        var prerequisites = new HostPrerequisites(TextWriter.Null) { OsReleaseFile = temp.Combine("os-release"), CanInstall = true };
        HostPrerequisite[] needed = [new("kiln-missing-compiler", "kiln-compiler"), new("kiln-missing-linker", "kiln-linker"), new("sh", "dash")];

        var error = Assert.ThrowsAsync<HostPrerequisitesException>(() => prerequisites.EnsureAsync(needed, CancellationToken.None))!;

        Assert.That(error.Missing.Select(m => m.Package), Is.EqualTo(new[] { "kiln-compiler", "kiln-linker" }));
        Assert.That(error.Message, Does.Contain("apt-get install -y --no-install-recommends kiln-compiler kiln-linker"));
    }

    [Test]
    public void Off_Debian_the_tools_build_is_pointed_to_the_docker_executor()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("os-release"), "ID=fedora\n");
        var prerequisites = new HostPrerequisites(TextWriter.Null) { OsReleaseFile = temp.Combine("os-release"), CanInstall = true };

        var error = Assert.ThrowsAsync<HostPrerequisitesException>(() =>
            prerequisites.EnsureAsync([new HostPrerequisite("kiln-missing-compiler", "kiln-compiler")], CancellationToken.None))!;

        Assert.That(error.Message, Does.StartWith("The local tools build needs kiln-missing-compiler (package kiln-compiler)").And.Contain("--executor docker"));
    }

    [Test]
    public void A_toolchain_probe_that_cannot_start_names_its_package_and_the_install_command()
    {
        using var temp = new ScratchDirectory();
        Directory.CreateDirectory(temp.Path);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", temp.Path);
        try
        {
            var error = Assert.ThrowsAsync<HostPrerequisitesException>(() =>
                new LocalToolExecutor().DescribeToolchainAsync(ToolArchitecture.Aarch64.Name, CancellationToken.None))!;

            Assert.That(error.Message, Does.Contain("aarch64-linux-gnu-gcc (package gcc-aarch64-linux-gnu)")
                .And.Contain("apt-get install -y --no-install-recommends gcc-aarch64-linux-gnu"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Test]
    public void Missing_prerequisites_without_root_are_not_installed()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("os-release"), "ID=debian\n");
        var log = new StringWriter();
        var prerequisites = new HostPrerequisites(log) { OsReleaseFile = temp.Combine("os-release"), CanInstall = false };

        var error = Assert.ThrowsAsync<HostPrerequisitesException>(() => prerequisites.EnsureAsync(new HostPrerequisite[] { new("kiln-missing-compiler", "kiln-compiler") }, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("needs root"));
        Assert.That(log.ToString(), Is.Empty, "nothing was run");
    }

    [Test]
    public async Task Nothing_is_installed_when_nothing_is_missing()
    {
        var prerequisites = new HostPrerequisites(TextWriter.Null) { CanInstall = false };

        var installed = await prerequisites.EnsureAsync(new HostPrerequisite[] { new("sh", "dash") }, CancellationToken.None);

        Assert.That(installed, Is.Empty);
    }
}
