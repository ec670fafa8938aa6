using Kiln.Tools;
using Kiln.Tools.Executors;
using Kiln.Tools.Host;

namespace Kiln.Tests.Tools.Host;

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
        var prerequisites = new HostPrerequisites(TextWriter.Null) { OsReleaseFile = temp.Combine("os-release"), IsRoot = true };
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
        var prerequisites = new HostPrerequisites(TextWriter.Null) { OsReleaseFile = temp.Combine("os-release"), IsRoot = true };

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
    public void Missing_prerequisites_without_root_or_passwordless_sudo_are_not_installed_and_the_error_says_to_use_sudo()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("os-release"), "ID=debian\n");
        var ran = new List<string>();
        var prerequisites = new HostPrerequisites(TextWriter.Null)
        {
            OsReleaseFile = temp.Combine("os-release"), IsRoot = false, SudoWithoutPassword = _ => Task.FromResult(false),
            RunCommand = (arguments, _) => { ran.Add(string.Join(' ', arguments)); return Task.FromResult(0); },
        };

        var error = Assert.ThrowsAsync<HostPrerequisitesException>(() => prerequisites.EnsureAsync(new HostPrerequisite[] { new("kiln-missing-compiler", "kiln-compiler") }, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kiln-missing-compiler (package kiln-compiler)").And.Contain("needs root, or sudo without a password")
            .And.EndWith("Install them with: sudo apt-get install -y --no-install-recommends kiln-compiler"));
        Assert.That(ran, Is.Empty, "nothing was run");
    }

    [Test]
    public async Task Without_root_but_with_passwordless_sudo_apt_get_runs_through_sudo_n_keeping_it_noninteractive()
    {
        using var temp = new ScratchDirectory();
        File.WriteAllText(temp.Combine("os-release"), "ID=ubuntu\nID_LIKE=debian\n");
        var installed = temp.Combine("kiln-tool");
        var ran = new List<string>();
        var prerequisites = new HostPrerequisites(TextWriter.Null)
        {
            OsReleaseFile = temp.Combine("os-release"), IsRoot = false, SudoWithoutPassword = _ => Task.FromResult(true),
            RunCommand = (arguments, _) =>
            {
                ran.Add(string.Join(' ', arguments));
                if (arguments.Contains("install"))
                    File.WriteAllText(installed, "");
                return Task.FromResult(0);
            },
        };

        var packages = await prerequisites.EnsureAsync([new HostPrerequisite(installed, "kiln-tool", IsFile: true)], CancellationToken.None);

        Assert.That(packages, Is.EqualTo(new[] { "kiln-tool" }));
        Assert.That(ran, Is.EqualTo(new[]
        {
            "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update",
            "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kiln-tool",
        }));
    }

    [TestCase(true, true, "", false, TestName = "As root apt-get runs as it is, and sudo is never asked")]
    [TestCase(false, true, "sudo -n", true, TestName = "Not root, with sudo that needs no password, apt-get runs through sudo -n")]
    public async Task Who_runs_apt_get(bool isRoot, bool sudoWithoutPassword, string prefix, bool sudoAsked)
    {
        var asked = false;
        var prerequisites = new HostPrerequisites(TextWriter.Null)
        {
            IsRoot = isRoot,
            SudoWithoutPassword = _ =>
            {
                asked = true;
                return Task.FromResult(sudoWithoutPassword);
            },
        };

        var decided = await prerequisites.InstallPrefixAsync(CancellationToken.None);

        Assert.That(string.Join(' ', decided!), Is.EqualTo(prefix));
        Assert.That(asked, Is.EqualTo(sudoAsked));
    }

    [Test]
    public async Task Not_root_and_sudo_asking_for_a_password_nobody_may_run_apt_get()
    {
        var prerequisites = new HostPrerequisites(TextWriter.Null) { IsRoot = false, SudoWithoutPassword = _ => Task.FromResult(false) };

        Assert.That(await prerequisites.InstallPrefixAsync(CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Nothing_is_installed_when_nothing_is_missing()
    {
        var prerequisites = new HostPrerequisites(TextWriter.Null) { IsRoot = false, SudoWithoutPassword = _ => Task.FromResult(false) };

        var installed = await prerequisites.EnsureAsync(new HostPrerequisite[] { new("sh", "dash") }, CancellationToken.None);

        Assert.That(installed, Is.Empty);
    }
}
