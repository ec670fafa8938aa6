using SysReport.Running;
using SysReport.Tests.Support;

namespace SysReport.Tests.Running;

public class ToolRunnerTests
{
    [Test]
    public async Task Output_error_and_exit_code_are_captured_in_the_C_locale()
    {
        using var install = new FakeInstall().WithTool("probe", "echo \"out $LC_ALL\"\necho err >&2\nexit 3");

        var result = await ToolRunner.RunAsync(install.Layout.ToolPath("probe"), [], TimeSpan.FromSeconds(20));

        Assert.That(result, Is.EqualTo(new ToolResult(3, "out C\n", "err\n")));
    }

    [Test]
    public void A_tool_outliving_its_timeout_is_stopped_with_a_message()
    {
        using var install = new FakeInstall().WithTool("hang", "sleep 60");

        Assert.That(
            () => ToolRunner.RunAsync(install.Layout.ToolPath("hang"), [], TimeSpan.FromMilliseconds(200)),
            Throws.TypeOf<ToolFailedException>().With.Message.EqualTo("hang did not finish within 0.2 s and was stopped"));
    }

    [Test]
    public void A_binary_without_execute_permission_is_reported_by_path()
    {
        using var install = new FakeInstall().WithTool("fio", "exit 0");
        var path = install.Layout.ToolPath("fio");
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        Assert.That(() => ToolRunner.RunAsync(path, [], TimeSpan.FromSeconds(20)), Throws.TypeOf<ToolFailedException>().With.Message.StartWith($"{path} could not be started"));
    }
}
