using System.Reflection;
using System.Text.Json;
using SysReport.Cli;
using SysReport.Tests.Support;

namespace SysReport.Tests.App;

public class BuiltAppTests
{
    [Test]
    public async Task Version_prints_the_informational_version_alone()
    {
        using var install = new FakeInstall();

        var (exitCode, output, _) = await AppProcess.RunDllAsync(install.Root, "--version");

        var expected = typeof(SysReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Is.EqualTo(expected + Environment.NewLine));
    }

    [Test]
    public async Task Json_report_against_a_fixture_root_holds_every_section_from_the_bundled_tools()
    {
        using var install = new FakeInstall().WithRecordedTools();
        var onlineCpus = await OnlineCpuCountAsync();
        var interfaces = Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName).Where(name => name != "lo").Order(StringComparer.Ordinal).ToList();
        Assert.That(interfaces, Is.Not.Empty, "the network section can only be checked on a host with an interface besides lo");

        var (exitCode, output, error) = await AppProcess.RunDllAsync(install.Root, "--json");

        Assert.That(exitCode, Is.Zero, error);
        using var json = JsonDocument.Parse(output);
        var report = json.RootElement;
        Assert.That(report.GetProperty("cpu").GetProperty("threads").GetInt32(), Is.EqualTo(onlineCpus));
        Assert.That(report.GetProperty("memory").GetProperty("totalBytes").GetInt64(), Is.Positive);
        Assert.That(report.GetProperty("utilisation").GetProperty("perCpu").GetArrayLength(), Is.EqualTo(onlineCpus));
        Assert.That(report.GetProperty("numa").GetProperty("nodes").GetArrayLength(), Is.EqualTo(2));
        Assert.That(report.GetProperty("pci").GetProperty("devices").GetArrayLength(), Is.EqualTo(11));
        Assert.That(report.GetProperty("bench").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var network = report.GetProperty("network").EnumerateArray().ToList();
        Assert.That(network.Select(n => n.GetProperty("name").GetString()).ToList(), Is.EqualTo(interfaces));
        Assert.That(network.Select(n => n.GetProperty("link").GetProperty("speedMbps").GetInt64()), Is.All.EqualTo(25000));
    }

    [Test]
    public async Task Tools_against_a_fixture_root_lists_the_manifest()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.TwoTools).WithTool("fio", "exit 0").WithTool("lspci", "exit 0").WithTool("setpci", "exit 0");

        var (exitCode, output, error) = await AppProcess.RunDllAsync(install.Root, "--tools");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("fio").And.Contains("3.33-3"));
    }

    [Test]
    public async Task An_unknown_option_exits_2()
    {
        using var install = new FakeInstall();

        var (exitCode, _, error) = await AppProcess.RunDllAsync(install.Root, "--no-such-option");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--no-such-option"));
    }

    [Test]
    public async Task The_launcher_reached_through_a_symlink_finds_the_app_and_its_root()
    {
        using var release = new TempDirectory();
        var root = Path.Combine(release.Path, "sysreport");
        var app = Path.Combine(root, "app");
        Directory.CreateDirectory(app);
        foreach (var file in Directory.GetFiles(AppProcess.AppDirectory, "sysreport.*"))
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        // The release's app/sysreport is self-contained; here a script stands in for it and starts the tests' build of the dll.
        var program = Path.Combine(app, "sysreport");
        File.WriteAllText(program, $"#!/bin/sh\nexec '{AppProcess.Dotnet}' \"$(dirname \"$0\")/sysreport.dll\" \"$@\"\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var launcher = Path.Combine(root, "sysreport");
        File.Copy(Path.Combine(AppProcess.AppDirectory, "launcher", "sysreport"), launcher);
        File.WriteAllText(Path.Combine(root, "manifest.json"), ManifestJson.TwoTools);
        var link = Path.Combine(release.Path, "bin", "sysreport");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Path.Combine("..", "sysreport", "sysreport"));

        var (_, output, error) = await AppProcess.RunAsync("/bin/sh", [link, "--tools"], home: null);

        Assert.That(output, Does.Contain($"in {root}"), error);
    }

    /// <summary>
    /// The CPUs the kernel has online, which /proc and /sys list and sysreport reports; not Environment.ProcessorCount,
    /// which a cgroup quota or CPU affinity (taskset) lowers.
    /// </summary>
    private static async Task<int> OnlineCpuCountAsync()
    {
        var (exitCode, output, error) = await AppProcess.RunAsync("getconf", ["_NPROCESSORS_ONLN"], home: null);
        Assert.That(exitCode, Is.Zero, error);
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
