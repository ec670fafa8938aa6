namespace SysReport.Parsing;

/// <summary>The jiffy counters of one "cpu" line of /proc/stat. Guest time is already counted in user and nice.</summary>
internal sealed record CpuTimes(
    string Name,
    ulong User,
    ulong Nice,
    ulong System,
    ulong Idle,
    ulong Iowait,
    ulong Irq,
    ulong Softirq,
    ulong Steal)
{
    public ulong IdleTotal => Idle + Iowait;

    public ulong Busy => User + Nice + System + Irq + Softirq + Steal;

    public ulong Total => IdleTotal + Busy;
}
