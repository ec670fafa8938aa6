using SysReport.Parsing;
using SysReport.Tests.Support;

namespace SysReport.Tests.Parsing;

public class FioJsonParserTests
{
    [Test]
    public void A_libaio_run_gives_iops_bandwidth_and_p99_completion_latency()
    {
        var result = FioJsonParser.Parse(Fixtures.Read("fio-randread-libaio.json"));

        Assert.That(result.Engine, Is.EqualTo("libaio"));
        Assert.That(result.Iops, Is.EqualTo(71548.2));
        Assert.That(result.BandwidthBytesPerSecond, Is.EqualTo(293061533));
        Assert.That(result.P99LatencyMicroseconds, Is.EqualTo(3489.8));
    }

    [Test]
    public void Notes_fio_prints_before_the_json_are_skipped()
    {
        var text = Fixtures.Read("fio-randread-psync.json");
        // The fixture is what gives this test its subject: without the leading note it would test plain JSON.
        Assert.That(text, Does.StartWith("note:"), "fixture fio-randread-psync.json must start with fio's note line");

        Assert.That(FioJsonParser.Parse(text).Engine, Is.EqualTo("psync"));
    }

    [Test]
    public void A_job_that_failed_is_refused_with_its_error()
    {
        var text = """{"jobs": [{"error": 22, "read": {"iops": 0, "bw_bytes": 0}}]}""";

        Assert.That(() => FioJsonParser.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("22"));
    }

    [Test]
    public void Output_without_json_is_refused() =>
        Assert.That(() => FioJsonParser.Parse("fio: engine libaio not loadable\n"), Throws.TypeOf<FormatException>());
}
