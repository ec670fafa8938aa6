using SysReport.Rendering;

namespace SysReport.Tests.Rendering;

public class UnitsTests
{
    [TestCase(0, "0 B")]
    [TestCase(1023, "1023 B")]
    [TestCase(1536, "1.5 KiB")]
    [TestCase(25276510208, "23.5 GiB")]
    public void Sizes_use_binary_prefixes_with_one_decimal(double bytes, string text) =>
        Assert.That(Units.Bytes(bytes), Is.EqualTo(text));

    [Test]
    public void Cpu_lists_collapse_runs_like_the_kernel_does() =>
        Assert.That(Units.CpuList([0, 1, 2, 3, 8, 10, 11]), Is.EqualTo("0-3,8,10-11"));
}
