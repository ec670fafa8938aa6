
namespace Build.Tests;

/// <summary>
/// The released programs on machines without .NET: x86_64 in a container of the bare Debian base image (bootstrapped by
/// the build's own base image provider when absent), aarch64 under qemu-user.
/// </summary>
public partial class ReleaseTests
{
    [Test, Order(6)]
    public async Task The_x86_64_archive_reports_as_json_with_pci_vendor_names_in_a_bare_debian_container()
    {
        var result = await RunInBareContainerAsync(Unpack("sysreport.tgz"), "--json");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Error, Does.Contain("dotnet: not installed"));
        using var report = System.Text.Json.JsonDocument.Parse(result.Output);
        var vendors = report.RootElement.GetProperty("pci").GetProperty("devices").EnumerateArray()
            .Select(d => d.GetProperty("vendor").GetString()).ToList();
        Assert.That(vendors, Is.Not.Empty);
        Assert.That(vendors, Has.Some.Match("[a-z]{3}"), "vendors are named, not numbered: " + string.Join(", ", vendors));
    }

    [Test, Order(6)]
    public async Task The_x86_64_archive_lists_its_tools_and_pci_ids_in_a_bare_debian_container()
    {
        var result = await RunInBareContainerAsync(Unpack("sysreport.tgz"), "--tools");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Contain("fio").And.Contain("pci.ids").And.Not.Contain("MISSING"));
    }

    [TestCase("--version")]
    [TestCase("--tools")]
    [Order(6)]
    public void The_aarch64_program_runs_under_qemu(string option)
    {
        var program = Path.Combine(Unpack("sysreport-aarch64.tgz"), "sysreport", "app", "sysreport");

        // The program links glibc dynamically; qemu takes the arm64 loader and libraries from the cross toolchain.
        var result = RepositoryCopy.Run("qemu-aarch64-static", [program, option], Dist,
            new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" });

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, option == "--version" ? Does.StartWith("0.0.0-dev") : Does.Contain("pci.ids").And.Not.Contain("MISSING"));
    }

    [Test, Order(6)]
    public void File_says_the_aarch64_program_is_an_arm_aarch64_executable()
    {
        var program = Path.Combine(Unpack("sysreport-aarch64.tgz"), "sysreport", "app", "sysreport");

        var result = RepositoryCopy.Run("file", ["-b", program], Dist);

        Assert.That(result.Output, Does.Contain("ARM aarch64").And.Contain("executable"));
    }

    /// <summary>Runs the unpacked release's launcher in a throwaway container of the base image, which has no dotnet.</summary>
    private static Task<ProcessResult> RunInBareContainerAsync(string unpacked, string option)
    {
        BaseImage.Ensure();
        return Task.FromResult(RepositoryCopy.Run("docker",
        [
            "run", "--rm", "--network", "host", "-v", $"{Path.Combine(unpacked, "sysreport")}:/opt/sysreport:ro", BaseImage.Reference,
            "sh", "-c", "command -v dotnet >&2 || echo 'dotnet: not installed' >&2; exec /opt/sysreport/sysreport \"$0\"", option,
        ], Path.GetTempPath()));
    }
}
