namespace SysReport.Probes;

/// <summary>The kernel's pseudo file systems; tests point them at recorded copies.</summary>
internal sealed record SystemPaths(string Proc, string Sys)
{
    public static SystemPaths Live { get; } = new("/proc", "/sys");

    public string CpuInfo => Path.Combine(Proc, "cpuinfo");

    public string MemInfo => Path.Combine(Proc, "meminfo");

    public string Stat => Path.Combine(Proc, "stat");

    public string KernelRelease => Path.Combine(Proc, "sys", "kernel", "osrelease");

    public string CpuDevices => Path.Combine(Sys, "devices", "system", "cpu");

    public string NetworkInterfaces => Path.Combine(Sys, "class", "net");
}
