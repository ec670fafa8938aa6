using SysReport.Parsing;

namespace SysReport.Tests.Parsing;

public class CpuFrequencyParserTests
{
    [Test]
    public void Scaling_cur_freq_in_kHz_is_converted_to_MHz() =>
        Assert.That(CpuFrequencyParser.ParseScalingCurFreqMhz("3400000\n"), Is.EqualTo(3400));

    [Test]
    public void A_non_number_is_refused() =>
        Assert.That(() => CpuFrequencyParser.ParseScalingCurFreqMhz("<unknown>"), Throws.TypeOf<FormatException>());
}
