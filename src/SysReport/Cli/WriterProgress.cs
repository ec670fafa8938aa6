namespace SysReport.Cli;

/// <summary>Writes each line at once, in order; <see cref="Progress{T}"/> would post to the thread pool and reorder lines.</summary>
internal sealed class WriterProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
