using Kiln.Tools.Building;

namespace Kiln.Tests.Tools.Building;

public class ToolPartOutputTests
{
    private readonly List<ScratchDirectory> _parts = [];

    [TearDown]
    public void DeleteParts() => _parts.ForEach(part => part.Dispose());

    [Test]
    public void Two_builds_in_different_sandboxes_with_the_same_bytes_otherwise_have_the_same_output()
    {
        var first = Part("/tmp/kiln-tools-x86_64-aaaa");
        var second = Part("/tmp/kiln-tools-x86_64-bbbb");

        Assert.That(ToolPartOutput.Digest(second), Is.EqualTo(ToolPartOutput.Digest(first)));
    }

    [Test]
    public void A_changed_byte_of_a_published_file_changes_the_output()
    {
        var before = Part("/work");
        var after = Part("/work", library: "!<arch>\nlibz built with -DNO_GZIP\n");

        Assert.That(ToolPartOutput.Digest(after), Is.Not.EqualTo(ToolPartOutput.Digest(before)));
    }

    [Test]
    public void A_published_file_that_becomes_executable_changes_the_output()
    {
        var before = Part("/work");
        var after = Part("/work", executableLibrary: true);

        Assert.That(ToolPartOutput.Digest(after), Is.Not.EqualTo(ToolPartOutput.Digest(before)));
    }

    [Test]
    public void The_toolchain_recorded_beside_the_part_is_not_its_output()
    {
        var before = Part("/work");
        var after = Part("/work", toolchain: "gcc 13.1.0");

        Assert.That(ToolPartOutput.Digest(after), Is.EqualTo(ToolPartOutput.Digest(before)));
    }

    /// <summary>A zlib part as a build publishes it: its prefix, whose pkg-config file names the sandbox it was installed from.</summary>
    private string Part(string workDirectory, string library = "!<arch>\nlibz\n", string toolchain = "gcc 12.2.0", bool executableLibrary = false)
    {
        var part = new ScratchDirectory();
        _parts.Add(part);
        part.Write("prefix/include/zlib.h", "#define ZLIB_VERSION \"1.2.13\"\n");
        part.Write("prefix/lib/libz.a", library, executableLibrary);
        part.Write("prefix/lib/pkgconfig/zlib.pc", $"prefix={workDirectory}/prefix\nlibdir=${{prefix}}/lib\n");
        new ToolPartInfo("zlib", "1:1.2.13.dfsg-1", toolchain, workDirectory).Write(part.Path);
        return part.Path;
    }
}
