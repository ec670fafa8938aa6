using Kiln.Docker;

namespace Kiln.Tests.Docker;

public sealed class ImageReferenceTests
{
    [TestCase("debian:bookworm", "debian", "bookworm")]
    [TestCase("debian", "debian", "latest")]
    [TestCase("registry.local:5000/team/image", "registry.local:5000/team/image", "latest")]
    [TestCase("registry.local:5000/team/image:1.2", "registry.local:5000/team/image", "1.2")]
    public void Reference_splits_into_repository_and_tag(string reference, string repository, string tag)
    {
        Assert.That(ImageReference.Parse(reference), Is.EqualTo(new ImageReference(repository, tag)));
    }

    [TestCase("")]
    [TestCase("debian@sha256:0123")]
    [TestCase("debian bookworm")]
    public void Malformed_reference_is_refused(string reference)
    {
        Assert.Throws<ArgumentException>(() => ImageReference.Parse(reference));
    }
}
