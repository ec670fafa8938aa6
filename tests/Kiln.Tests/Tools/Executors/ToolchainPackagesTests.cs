using Kiln.Targets.Fingerprints;
using Kiln.Tools;
using Kiln.Tools.Executors;

namespace Kiln.Tests.Tools.Executors;

/// <summary>Which installed packages name a toolchain, read from listings in the form <see cref="ToolchainPackages.Query"/> writes.</summary>
public sealed class ToolchainPackagesTests
{
    private static readonly ToolArchitecture Native = ToolArchitecture.All.Single(a => a.Name == ToolArchitecture.HostName);
    private static readonly ToolArchitecture Cross = ToolArchitecture.All.Single(a => a.Name != ToolArchitecture.HostName);

    [Test]
    public void The_compiler_package_is_followed_to_the_compiler_it_depends_on()
    {
        var listing = Listing(Row("gcc", "4:12.2.0-3", depends: "cpp (= 4:12.2.0-3), gcc-12 (>= 12.2.0-1~)"), Row("gcc-12", "12.2.0-14+deb12u1", depends: "libc6 (>= 2.36)"), Row("libc6", "2.36-9"));

        var lines = Describe(listing, Native);

        Assert.That(lines, Is.SupersetOf(new[] { "gcc:amd64 4:12.2.0-3", "gcc-12:amd64 12.2.0-14+deb12u1", "libc6:amd64 2.36-9" }));
    }

    [Test]
    public void A_kernel_header_version_change_is_one_changed_line()
    {
        var before = ToolchainPackages.Describe(Listing(Row("libc6-dev", "2.36-9", depends: "linux-libc-dev"), Row("linux-libc-dev", "6.1.176-1")), Native);
        var after = ToolchainPackages.Describe(Listing(Row("libc6-dev", "2.36-9", depends: "linux-libc-dev"), Row("linux-libc-dev", "6.1.187-1")), Native);

        var diff = FingerprintDiff.Between(Inputs(before), Inputs(after));

        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That(diff.ToDetailedLines(Inputs(before), Inputs(after)), Is.EqualTo(new[]
        {
            "input    toolchain: changed lines:", "  -linux-libc-dev:amd64 6.1.176-1", "  +linux-libc-dev:amd64 6.1.187-1",
        }));
    }

    [Test]
    public void The_cross_key_names_the_cross_kernel_headers_and_not_the_native_compiler()
    {
        var listing = Listing(
            Row("gcc", "4:12.2.0-3"), Row("linux-libc-dev-arm64-cross", "6.1.4-1cross1", arch: "all"), Row("linux-libc-dev-amd64-cross", "6.1.4-1cross1", arch: "all"));

        var lines = Describe(listing, Cross);

        Assert.That(lines, Has.Some.StartsWith(Cross == ToolArchitecture.Aarch64 ? "linux-libc-dev-arm64-cross:all " : "linux-libc-dev-amd64-cross:all "));
        Assert.That(lines, Has.None.StartsWith("gcc:"));
    }

    [Test]
    public void Every_installed_development_package_is_named_because_a_configure_script_can_find_it()
    {
        var lines = Describe(Listing(Row("libnuma-dev", "2.0.16-1", depends: "libnuma1 (= 2.0.16-1)"), Row("libnuma1", "2.0.16-1"), Row("tzdata", "2024a-0")), Native);

        Assert.That(lines, Is.SupersetOf(new[] { "libnuma-dev:amd64 2.0.16-1", "libnuma1:amd64 2.0.16-1" }));
        Assert.That(lines, Has.None.StartsWith("tzdata:"));
    }

    [Test]
    public void A_root_that_only_a_virtual_package_provides_resolves_to_its_provider()
    {
        var lines = Describe(Listing(Row("pkgconf", "1.8.1-1", provides: "pkg-config (= 1.8.1-1)")), Native);

        Assert.That(lines, Does.Contain("pkgconf:amd64 1.8.1-1"));
        Assert.That(lines, Has.None.StartsWith("pkg-config not installed"));
    }

    [Test]
    public void A_root_that_is_not_installed_is_named_so_installing_it_changes_the_key()
    {
        var lines = Describe(Listing(Row("make", "4.3-4.1")), Native);

        Assert.That(lines, Does.Contain("autoconf not installed").And.Contain("make:amd64 4.3-4.1"));
    }

    [Test]
    public void A_removed_package_whose_configuration_remains_is_not_named()
    {
        var lines = Describe(Listing(Row("libssl-dev", "3.0.11-1", status: "deinstall ok config-files")), Native);

        Assert.That(lines, Has.None.StartsWith("libssl-dev:"));
    }

    [Test]
    public void A_listing_line_in_another_form_is_refused_quoting_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => ToolchainPackages.Describe("libc6-dev 2.36-9\n", Native))!;

        Assert.That(error.Message, Does.Contain("'libc6-dev 2.36-9'").And.Contain("dpkg-query"));
    }

    private static string[] Describe(string listing, ToolArchitecture target) => ToolchainPackages.Describe(listing, target).Split('\n');

    private static FingerprintInputs Inputs(string toolchain) =>
        new(new Dictionary<string, string> { ["toolchain"] = toolchain }, new Dictionary<string, FileDigest>());

    private static string Listing(params string[] rows) => string.Join("", rows.Select(row => row + "\n"));

    private static string Row(string name, string version, string arch = "amd64", string status = "install ok installed", string provides = "", string depends = "") =>
        string.Join('\t', name, arch, version, status, provides, "", depends);
}
