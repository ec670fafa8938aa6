using System.Text.Json;
using Kiln.Tools;
using Kiln.Tools.Executors;
using Kiln.Tools.Host;

namespace Kiln.Tests.Tools.Executors;

/// <summary>
/// The local executor's toolchain key is probed once and then taken from the memo while PATH, every probed command
/// (links and file) and dpkg's database keep their status; each test's second executor stands for the next run.
/// </summary>
public class ToolchainMemoTests
{
    private const int ProbesPerArch = 7;
    private static readonly ToolArchitecture Arch = ToolArchitecture.X86_64;
    private FakeToolchain _toolchain = null!;

    [SetUp]
    public void PutFakeToolchainOnPath() => _toolchain = new FakeToolchain(Arch);

    [TearDown]
    public void RestorePath() => _toolchain.Dispose();

    [Test]
    public async Task A_second_key_with_unchanged_stats_starts_no_process()
    {
        var first = await KeyAsync();

        var second = await KeyAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(_toolchain.Calls, Is.EqualTo(ProbesPerArch), "only the first key probed");
    }

    [Test]
    public async Task Concurrent_keys_for_one_arch_probe_it_once()
    {
        var executor = new LocalToolExecutor { ToolchainMemoFile = _toolchain.MemoFile };

        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => executor.ToolchainKeyAsync(Arch, CancellationToken.None)));

        Assert.That(keys.Distinct(), Has.Exactly(1).Items);
        Assert.That(_toolchain.Calls, Is.EqualTo(ProbesPerArch));
    }

    [Test]
    public async Task Rewriting_the_file_a_compiler_link_ends_at_probes_again_and_the_key_names_the_new_version()
    {
        var first = await KeyAsync();
        _toolchain.WriteCommand("gcc-12", "gcc (Fake) 12.3.0");
        FakeToolchain.Age(_toolchain.Compiler, hours: 2);

        var second = await KeyAsync();

        Assert.That(first, Does.Contain("gcc (Fake) 12.2.0"));
        Assert.That(second, Does.Contain("gcc (Fake) 12.3.0").And.Not.Contain("12.2.0"));
        Assert.That(_toolchain.Calls, Is.EqualTo(2 * ProbesPerArch));
    }

    [Test]
    public async Task A_kernel_header_upgrade_probes_again_and_the_key_names_the_new_version()
    {
        var first = await KeyAsync();
        _toolchain.WritePackages(kernelHeaders: "6.1.187-1");
        FakeToolchain.Age(_toolchain.Combine("dpkg-query"), hours: 2);

        var second = await KeyAsync();

        var headers = HostPrerequisites.KernelHeadersPackage(Arch);
        Assert.That(first.Split('\n'), Does.Contain($"{headers}:amd64 6.1.176-1"));
        Assert.That(second.Split('\n'), Does.Contain($"{headers}:amd64 6.1.187-1").And.Not.Contain($"{headers}:amd64 6.1.176-1"));
    }

    [Test]
    public async Task Touching_one_probed_command_probes_again()
    {
        await KeyAsync();
        FakeToolchain.Age(_toolchain.Combine("make"), hours: 2);

        await KeyAsync();

        Assert.That(_toolchain.Calls, Is.EqualTo(2 * ProbesPerArch));
    }

    [Test]
    public async Task A_command_that_appears_earlier_on_an_unchanged_PATH_is_probed()
    {
        using var earlier = new ScratchDirectory();
        Environment.SetEnvironmentVariable("PATH", earlier.Path + Path.PathSeparator + _toolchain.Bin);
        await KeyAsync();
        FakeToolchain.Age(earlier.Write("make", "#!/bin/sh\necho 'GNU Make 9.9'\n", executable: true));

        var second = await KeyAsync();

        Assert.That(second, Does.Contain("GNU Make 9.9"));
    }

    [Test]
    public async Task A_command_changed_within_the_racy_margin_of_its_probe_is_probed_again()
    {
        _toolchain.WriteCommand("make", "make (Fake) 1.0");
        await KeyAsync();

        await KeyAsync();

        Assert.That(_toolchain.Calls, Is.EqualTo(2 * ProbesPerArch), "a same-tick rewrite would keep make's status, so its memo is not trusted");
    }

    [Test]
    public async Task A_corrupt_memo_is_ignored_and_rewritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_toolchain.MemoFile)!);
        File.WriteAllText(_toolchain.MemoFile, "{\"format\": 1, \"arches\": {\"x86_64\": ");

        var key = await KeyAsync();
        var again = await KeyAsync();

        Assert.That(key, Does.Contain("gcc (Fake) 12.2.0"));
        Assert.That(again, Is.EqualTo(key));
        Assert.That(_toolchain.Calls, Is.EqualTo(ProbesPerArch), "the rewritten memo served the second key");
        Assert.DoesNotThrow(() => JsonDocument.Parse(File.ReadAllText(_toolchain.MemoFile)));
    }

    [Test]
    public void A_probe_failure_still_names_the_missing_package()
    {
        File.Delete(_toolchain.Combine("libtoolize"));

        var error = Assert.ThrowsAsync<HostPrerequisitesException>(KeyAsync)!;

        Assert.That(error.Message, Does.Contain("libtoolize (package libtool)"));
        Assert.That(File.Exists(_toolchain.MemoFile), Is.False);
    }

    private Task<string> KeyAsync() =>
        new LocalToolExecutor { ToolchainMemoFile = _toolchain.MemoFile }.ToolchainKeyAsync(Arch, CancellationToken.None);
}
