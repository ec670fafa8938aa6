using Kiln.Dist;
using Kiln.Tools;

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

    [Test]
    public void The_arch_other_than_the_hosts_is_published_as_a_single_file_bundle()
    {
        var other = ToolArchitecture.All.First(a => a.Name != ToolArchitecture.HostName).Name;

        Assert.That(ProductPublisher.ModeFor(other), Is.EqualTo(ProductPublisher.SingleFile));
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
