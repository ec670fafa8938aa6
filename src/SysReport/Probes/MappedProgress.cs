namespace SysReport.Probes;

internal sealed class MappedProgress<T>(IProgress<string> target, Func<T, string> format) : IProgress<T>
{
    public void Report(T value) => target.Report(format(value));
}
