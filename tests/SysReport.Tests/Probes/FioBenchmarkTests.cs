using SysReport.Probes;
using SysReport.Running;
using SysReport.Tests.Support;

namespace SysReport.Tests.Probes;

public class FioBenchmarkTests
{
    private static readonly IProgress<string> Quiet = new Progress<string>();

    [Test]
    public async Task Fio_with_libaio_runs_direct_random_reads_at_depth_32()
    {
        using var work = new TempDirectory();
        using var install = new FakeInstall().WithTool("fio", FakeFio(work, engines: "psync libaio"));

        var result = await FioBenchmark.RunAsync(install.Layout, work.Path, Quiet, CancellationToken.None);

        Assert.That(result.Iops, Is.EqualTo(71548.2));
        Assert.That(File.ReadAllText(Path.Combine(work.Path, "args")), Does.Contain("--ioengine=libaio --iodepth=32 --direct=1").And.Contains("--runtime=5 --time_based"));
    }

    [Test]
    public async Task Fio_without_libaio_falls_back_to_psync()
    {
        using var work = new TempDirectory();
        using var install = new FakeInstall().WithTool("fio", FakeFio(work, engines: "sync psync"));

        await FioBenchmark.RunAsync(install.Layout, work.Path, Quiet, CancellationToken.None);

        Assert.That(File.ReadAllText(Path.Combine(work.Path, "args")), Does.Contain("--ioengine=psync --iodepth=1"));
    }

    [Test]
    public async Task The_temporary_test_file_is_removed_even_when_fio_fails()
    {
        using var work = new TempDirectory();
        using var install = new FakeInstall().WithTool("fio", """
            case "$1" in --enghelp) echo libaio; exit 0 ;; esac
            for a in "$@"; do case "$a" in --filename=*) : > "${a#--filename=}" ;; esac; done
            echo "fio: pid=1, err=28/file:filesetup.c:240, func=write, error=No space left on device" >&2
            exit 1
            """);

        Assert.That(
            () => FioBenchmark.RunAsync(install.Layout, work.Path, Quiet, CancellationToken.None),
            Throws.TypeOf<ToolFailedException>().With.Message.Contains("No space left on device"));
        Assert.That(Directory.GetFiles(work.Path), Is.Empty);
    }

    private static string FakeFio(TempDirectory work, string engines) =>
        $"""
        case "$1" in --enghelp) printf 'Available IO engines:\n'; printf '\t%s\n' {engines}; exit 0 ;; esac
        echo "$@" > '{Path.Combine(work.Path, "args")}'
        cat '{Fixtures.PathOf("fio-randread-libaio.json")}'
        """;
}
