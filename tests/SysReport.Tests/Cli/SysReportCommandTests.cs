using SysReport.Cli;
using SysReport.Probes;
using SysReport.Tests.Support;

namespace SysReport.Tests.Cli;

public class SysReportCommandTests
{
    [Test]
    public async Task A_usage_error_exits_2_with_the_reason_on_stderr_only()
    {
        using var install = new FakeInstall();
        var (exitCode, output, error) = await RunAsync(install, "--frobnicate");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.UsageError));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("unknown option '--frobnicate'").And.Contains("sysreport --help"));
    }

    [Test]
    public async Task Help_lists_every_option_and_exits_0()
    {
        using var install = new FakeInstall();
        var (exitCode, output, _) = await RunAsync(install, "--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("--bench").And.Contains("--load SECONDS").And.Contains("--json").And.Contains("--tools").And.Contains("--version"));
    }

    [Test]
    public async Task Tools_lists_each_bundled_tool_with_its_version_and_licence()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools).WithTool("fio", "exit 0").WithTool("lspci", "exit 0").WithTool("setpci", "exit 0");

        var (exitCode, output, error) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("1.2.3 (0123456789ab)"));
        Assert.That(output, Does.Match(@"fio\s+3\.33-3\s+GPL-2\.0-only\s+fio"));
        Assert.That(output, Does.Match(@"pciutils\s+1:3\.9\.0-4\s+GPL-2\.0-or-later\s+lspci, setpci"));
    }

    [Test]
    public async Task Tools_names_the_expected_path_of_a_missing_binary_and_exits_1()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools).WithTool("fio", "exit 0").WithTool("lspci", "exit 0");

        var (exitCode, output, error) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.Failure));
        Assert.That(output, Does.Contain($"setpci MISSING, expected at {install.Layout.ToolPath("setpci")}"));
        Assert.That(error, Does.Contain("incomplete"));
    }

    [Test]
    public async Task Tools_warns_when_the_release_is_for_another_arch()
    {
        using var install = new FakeInstall(arch: "aarch64").WithManifest(ManifestJson.TwoTools);

        var (exitCode, output, _) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.Failure));
        Assert.That(output, Does.Contain("this release is for x86_64 but this machine is aarch64"));
    }

    [Test]
    public async Task Tools_without_a_manifest_exits_1_naming_the_file()
    {
        using var install = new FakeInstall();

        var (exitCode, _, error) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.Failure));
        Assert.That(error, Does.Contain(install.Layout.ManifestPath));
    }

    [Test]
    public async Task Tools_as_json_reports_presence_per_binary()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools).WithTool("fio", "exit 0");

        var (_, output, _) = await RunAsync(install, "--tools", "--json");

        using var json = System.Text.Json.JsonDocument.Parse(output);
        var binaries = json.RootElement.GetProperty("tools").EnumerateArray()
            .SelectMany(t => t.GetProperty("binaries").EnumerateArray())
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => b.GetProperty("present").GetBoolean());
        Assert.That(binaries, Is.EqualTo(new Dictionary<string, bool> { ["fio"] = true, ["lspci"] = false, ["setpci"] = false }));
    }

    [Test]
    public async Task The_report_survives_missing_tools_and_names_each_expected_path()
    {
        using var install = new FakeInstall();
        using var system = FakeSystem.X86WithTwoCpus();

        var (exitCode, output, _) = await RunAsync(install, system.Paths);

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("AMD EPYC").And.Contains("23.5 GiB total"));
        Assert.That(output, Does.Contain($"numa: numactl is missing: expected the bundled binary at {install.Layout.ToolPath("numactl")}"));
        Assert.That(output, Does.Contain($"pci: lspci is missing: expected the bundled binary at {install.Layout.ToolPath("lspci")}"));
        Assert.That(output, Does.Contain($"network: ethtool is missing: expected the bundled binary at {install.Layout.ToolPath("ethtool")}"));
    }

    [Test]
    public async Task A_requested_benchmark_that_cannot_run_exits_1_after_printing_the_report()
    {
        using var install = new FakeInstall().WithRecordedTools();
        using var system = FakeSystem.X86WithTwoCpus();

        var (exitCode, output, _) = await RunAsync(install, system.Paths, "--bench");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.Failure));
        Assert.That(output, Does.Contain("NUMA").And.Contains("bench: fio is missing"));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(FakeInstall install, params string[] args) =>
        RunAsync(install, SystemPaths.Live, args);

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(FakeInstall install, SystemPaths paths, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await SysReportCommand.RunAsync(args, install.Layout, paths, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
