using System.Text;
using Kiln.Docker;

namespace Kiln.Tests.Docker;

public sealed class BuilderImageTagTests
{
    private static readonly byte[] Dockerfile = Encoding.UTF8.GetBytes("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");

    [Test]
    public void Tag_is_the_builder_repository_and_twelve_hex_digits()
    {
        Assert.That(BuilderImage.TagFor(Dockerfile, "debian:bookworm"), Does.Match("^kiln-builder:[0-9a-f]{12}$"));
    }

    [Test]
    public void Tag_is_stable_for_the_same_inputs()
    {
        Assert.That(BuilderImage.TagFor(Dockerfile, "debian:bookworm"), Is.EqualTo(BuilderImage.TagFor([.. Dockerfile], "debian:bookworm")));
    }

    [Test]
    public void Tag_changes_with_the_dockerfile()
    {
        var edited = Encoding.UTF8.GetBytes("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN true\n");

        Assert.That(BuilderImage.TagFor(edited, "debian:bookworm"), Is.Not.EqualTo(BuilderImage.TagFor(Dockerfile, "debian:bookworm")));
    }

    [Test]
    public void Tag_changes_with_the_base_reference()
    {
        Assert.That(BuilderImage.TagFor(Dockerfile, "debian:trixie"), Is.Not.EqualTo(BuilderImage.TagFor(Dockerfile, "debian:bookworm")));
    }
}
