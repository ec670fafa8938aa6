using SysReport.Probes;

namespace SysReport.Tests.Support;

/// <summary>A /proc and /sys tree built from recorded files.</summary>
internal sealed class FakeSystem : IDisposable
{
    private readonly TempDirectory _root = new();

    public FakeSystem() => Paths = new SystemPaths(Path.Combine(_root.Path, "proc"), Path.Combine(_root.Path, "sys"));

    public SystemPaths Paths { get; }

    public static FakeSystem X86WithTwoCpus() =>
        new FakeSystem()
            .WithProc("cpuinfo", Fixtures.Read("cpuinfo-x86_64.txt"))
            .WithProc("meminfo", Fixtures.Read("meminfo.txt"))
            .WithProc("stat", Fixtures.Read("stat-before.txt"))
            .WithProc("sys/kernel/osrelease", "6.1.0-27-amd64\n")
            .WithCpu(0, package: 0, core: 0)
            .WithCpu(1, package: 0, core: 1)
            .WithNetworkInterfaces("lo", "eth0");

    public FakeSystem WithProc(string relativePath, string content)
    {
        _root.Write(Path.Combine("proc", relativePath), content);
        return this;
    }

    public FakeSystem WithCpu(int cpu, int package, int core, int? scalingKhz = null)
    {
        var directory = Path.Combine("sys", "devices", "system", "cpu", $"cpu{cpu}");
        _root.Write(Path.Combine(directory, "topology", "physical_package_id"), $"{package}\n");
        _root.Write(Path.Combine(directory, "topology", "core_id"), $"{core}\n");
        if (scalingKhz is { } khz)
            _root.Write(Path.Combine(directory, "cpufreq", "scaling_cur_freq"), $"{khz}\n");
        return this;
    }

    public FakeSystem WithNetworkInterfaces(params string[] names)
    {
        foreach (var name in names)
            Directory.CreateDirectory(Path.Combine(Paths.NetworkInterfaces, name));
        return this;
    }

    public void Dispose() => _root.Dispose();
}
