using System.Text.Json;
using SysReport.Rendering;

namespace SysReport.Tests.Rendering;

public class JsonReportTests
{
    [Test]
    public void The_report_serialises_with_camel_case_names_and_null_for_sections_not_run()
    {
        var json = JsonSerializer.Serialize(TextReportRendererTests.SampleReport(), SysReportJsonContext.Default.SystemReport);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(root.GetProperty("bench").GetProperty("bandwidthBytesPerSecond").GetInt64(), Is.EqualTo(293061533));
        Assert.That(root.GetProperty("network")[0].GetProperty("link").GetProperty("duplex").GetString(), Is.EqualTo("Full"));
        Assert.That(root.GetProperty("load").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("problems").GetArrayLength(), Is.Zero);
    }
}
