using System.Text.RegularExpressions;
using Kiln.Pipeline;
using Kiln.Tools.Building;

namespace Kiln.Tests.Pipeline;

public class LiveToolBuildDisplayTests
{
    [Test]
    public async Task The_last_frame_shows_every_started_build_with_its_outcome()
    {
        var output = new SignallingWriter();
        var display = new LiveToolBuildDisplay(output);

        await display.RunAsync(async () =>
        {
            display.Report(new ToolBuildEvent("x86_64", "stress", ToolBuildPhase.Started, TimeSpan.Zero, "stress.log"));
            display.Report(new ToolBuildEvent("aarch64", "fio", ToolBuildPhase.Started, TimeSpan.Zero, "fio.log"));
            // The outcomes come only once a frame has shown both builds running, so the last frame has one to replace.
            await Patience.WaitAsync(output.WhenWritten("[aarch64] fio"), "no frame showed the started builds");
            display.Report(new ToolBuildEvent("x86_64", "stress", ToolBuildPhase.Succeeded, TimeSpan.FromSeconds(9.5), "stress.log"));
            display.Report(new ToolBuildEvent("aarch64", "fio", ToolBuildPhase.Failed, TimeSpan.FromSeconds(3), "fio.log"));
        });

        var lines = Regex.Replace(output.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "").Split('\n');
        Assert.That(lines.First(line => line.Contains("[aarch64] fio", StringComparison.Ordinal)), Does.Contain("building"));
        Assert.That(lines.Last(line => line.Contains("[x86_64] stress", StringComparison.Ordinal)), Does.Contain("done in 9.5s"));
        Assert.That(lines.Last(line => line.Contains("[aarch64] fio", StringComparison.Ordinal)), Does.Contain("FAILED after 3.0s (log: fio.log)"));
    }

    [Test]
    public void A_failing_build_step_still_ends_the_display_and_reaches_the_caller()
    {
        var display = new LiveToolBuildDisplay(new StringWriter());

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => display.RunAsync(() => throw new InvalidOperationException("broken")))!;

        Assert.That(error.Message, Is.EqualTo("broken"));
    }
}
