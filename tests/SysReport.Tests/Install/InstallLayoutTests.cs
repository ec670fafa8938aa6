using System.Runtime.InteropServices;
using SysReport.Install;
using SysReport.Tests.Support;

namespace SysReport.Tests.Install;

public class InstallLayoutTests
{
    [TestCase(Architecture.X64, "x86_64")]
    [TestCase(Architecture.Arm64, "aarch64")]
    public void The_dotnet_architecture_maps_to_the_kernel_arch_name(Architecture architecture, string arch) =>
        Assert.That(ArchNames.From(architecture), Is.EqualTo(arch));

    [Test]
    public void An_architecture_without_a_release_has_no_arch_name() =>
        Assert.That(ArchNames.From(Architecture.RiscV64), Is.Null);

    [Test]
    public void The_root_is_the_parent_of_the_app_folder()
    {
        var app = Path.Combine(Path.GetTempPath(), "unpacked", "sysreport", "app") + Path.DirectorySeparatorChar;

        var layout = InstallLayout.Discover(null, app, Architecture.Arm64);

        Assert.That(layout.Root, Is.EqualTo(Path.Combine(Path.GetTempPath(), "unpacked", "sysreport")));
        Assert.That(layout.ToolPath("fio"), Is.EqualTo(Path.Combine(layout.Root, "tools", "aarch64", "bin", "fio")));
        Assert.That(layout.ManifestPath, Is.EqualTo(Path.Combine(layout.Root, "manifest.json")));
    }

    [Test]
    public void SYSREPORT_HOME_overrides_the_root()
    {
        var home = Path.Combine(Path.GetTempPath(), "elsewhere");

        var layout = InstallLayout.Discover(home, Path.Combine(Path.GetTempPath(), "app"), Architecture.X64);

        Assert.That(layout.Root, Is.EqualTo(home));
        Assert.That(layout.Arch, Is.EqualTo("x86_64"));
    }

    [Test]
    public void On_an_architecture_without_a_release_tools_are_looked_for_under_its_own_name() =>
        Assert.That(InstallLayout.Discover(Path.GetTempPath(), "", Architecture.RiscV64).Arch, Is.EqualTo("riscv64"));

    [Test]
    public void A_missing_tool_is_reported_with_the_path_where_it_was_expected()
    {
        using var install = new FakeInstall();

        var error = Assert.Throws<ToolNotFoundException>(() => install.Layout.RequireTool("numactl"))!;

        Assert.That(error.Message, Is.EqualTo($"numactl is missing: expected the bundled binary at {install.Layout.ToolPath("numactl")}"));
    }

    [Test]
    public void A_present_tool_is_found_at_its_bundled_path()
    {
        using var install = new FakeInstall().WithTool("lspci", "exit 0");

        Assert.That(install.Layout.RequireTool("lspci"), Is.EqualTo(Path.Combine(install.Root, "tools", "x86_64", "bin", "lspci")));
    }
}
