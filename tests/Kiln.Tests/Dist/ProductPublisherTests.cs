using Kiln.Dist;
using Kiln.DotNet;
using Kiln.Targets.Foundation;
using Kiln.Tools.Host;

namespace Kiln.Tests.Dist;

public class ProductPublisherTests
{
    [TestCase("x86_64", "linux-x64")]
    [TestCase("aarch64", "linux-arm64")]
    public void Each_release_arch_maps_to_its_dotnet_runtime_identifier(string arch, string runtimeIdentifier) =>
        Assert.That(ProductPublisher.RuntimeIdentifierOf(arch), Is.EqualTo(runtimeIdentifier));

    [Test]
    public void An_arch_without_a_runtime_identifier_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ProductPublisher.RuntimeIdentifierOf("riscv64"))!;

        Assert.That(error.Message, Does.Contain("riscv64"));
    }

    [TestCase("x86_64", ProductPublisher.NativeAot)]
    [TestCase("aarch64", ProductPublisher.SingleFile)]
    public void Each_arch_has_one_publish_mode_whatever_the_host(string arch, string mode) =>
        Assert.That(ProductPublisher.ModeFor(arch), Is.EqualTo(mode));

    [Test]
    public void An_arch_without_a_publish_mode_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ProductPublisher.ModeFor("riscv64"))!;

        Assert.That(error.Message, Does.Contain("riscv64"));
    }

    [Test]
    public void An_aarch64_host_asked_for_the_x86_64_program_fails_before_publishing_either_arch()
    {
        using var root = new ScratchDirectory();
        var publishRoot = root.Combine("publish");
        var publisher = new ProductPublisher(new DotNetCli(root.Path, TextWriter.Null), root.Combine("SysReport.csproj"), publishRoot,
            new HostPrerequisites(TextWriter.Null), BuildParameters.Named("Arch")) { HostArch = "aarch64" };

        var error = Assert.ThrowsAsync<BuildException>(() => publisher.PublishAsync(["aarch64", "x86_64"], "1.2.3", CancellationToken.None))!;

        Assert.That(error.Message, Does.StartWith("The x86_64 program is published as nativeaot, which this aarch64 host cannot make"));
        Assert.That(Directory.Exists(publishRoot), Is.False, "nothing was published, not even the aarch64 program the host could make");
    }

    [Test]
    public void Missing_linker_packages_stop_the_publish_naming_each_package()
    {
        using var root = new ScratchDirectory();
        File.WriteAllText(root.Combine("os-release"), "ID=fedora\n");
        var publishRoot = root.Combine("publish");
        var prerequisites = new HostPrerequisites(TextWriter.Null) { OsReleaseFile = root.Combine("os-release"), IsRoot = true };
        var publisher = new ProductPublisher(new DotNetCli(root.Path, TextWriter.Null), root.Combine("SysReport.csproj"), publishRoot,
            prerequisites, BuildParameters.Named("Arch")) { HostArch = "x86_64" };
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", root.Path);
        try
        {
            var error = Assert.ThrowsAsync<HostPrerequisitesException>(() => publisher.PublishAsync(["x86_64"], "1.2.3", CancellationToken.None))!;

            Assert.That(error.Missing.Select(m => $"{m.What} {m.Package}"), Is.SupersetOf(new[] { "gcc gcc", "ld binutils", "objcopy binutils" }));
            Assert.That(Directory.Exists(publishRoot), Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Test]
    public void The_publish_of_an_arch_is_described_by_its_folder_program_and_deps_file()
    {
        var product = ProductPublisher.Describe("/publish", "aarch64");

        Assert.That(product.Program, Is.EqualTo("/publish/aarch64/sysreport"));
        Assert.That(product.DepsFile, Is.EqualTo("/publish/aarch64/sysreport.deps.json"));
        Assert.That(product.RuntimeIdentifier, Is.EqualTo("linux-arm64"));
    }
}
