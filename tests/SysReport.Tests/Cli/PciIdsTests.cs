using SysReport.Cli;
using SysReport.Probes;
using SysReport.Tests.Support;

namespace SysReport.Tests.Cli;

/// <summary>The release's own pci.ids: listed by --tools and handed to lspci, so a bare server gets device names.</summary>
public class PciIdsTests
{
    [Test]
    public async Task Tools_lists_the_bundled_pci_ids_with_its_version_and_licence()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.ToolAndPciIds).WithTool("lspci", "exit 0");
        File.WriteAllText(install.Layout.PciIdsPath, "8086  Intel Corporation\n");

        var (exitCode, output, error) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Match(@"pci\.ids\s+0\.0~2023\.04\.11-1\s+GPL-2\.0-or-later OR BSD-3-Clause\s+pci\.ids"));
    }

    [Test]
    public async Task Tools_names_the_expected_path_of_a_missing_pci_ids_and_exits_1()
    {
        using var install = new FakeInstall().WithManifest(ManifestJson.ToolAndPciIds).WithTool("lspci", "exit 0");

        var (exitCode, output, _) = await RunAsync(install, "--tools");

        Assert.That(exitCode, Is.EqualTo(SysReportCommand.Failure));
        Assert.That(output, Does.Contain($"pci.ids MISSING, expected at {install.Layout.PciIdsPath}"));
    }

    [Test]
    public async Task The_pci_section_runs_lspci_with_the_bundled_pci_ids()
    {
        using var install = new FakeInstall().WithRecordedTools()
            .WithTool("lspci", "[ \"$2\" = -i ] && [ -f \"$3\" ] || exit 7\necho '00:00.0 \"Host bridge\" \"Intel Corporation\" \"Sky Lake-E DMI3 Registers\"'");
        File.WriteAllText(install.Layout.PciIdsPath, "8086  Intel Corporation\n");

        var (exitCode, output, error) = await RunAsync(install, "--json");

        Assert.That(exitCode, Is.Zero, error);
        Assert.That(output, Does.Contain("\"vendor\": \"Intel Corporation\""));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(FakeInstall install, params string[] args) =>
        SysReportCommandTests.RunAsync(install, SystemPaths.Live, args);
}
