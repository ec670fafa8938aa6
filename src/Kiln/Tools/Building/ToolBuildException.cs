using Kiln.Targets.Foundation;

namespace Kiln.Tools.Building;

/// <summary>A recipe that failed to build, carrying the tail of its log and the log's path.</summary>
internal sealed class ToolBuildException(string arch, string tool, string problem, string logFile, IReadOnlyList<string> logTail)
    : BuildException($"{tool} ({arch}): {problem}; log: {logFile}{Environment.NewLine}{string.Join(Environment.NewLine, logTail)}")
{
    public const int TailLines = 40;

    public string Arch { get; } = arch;

    public string Tool { get; } = tool;

    public string LogFile { get; } = logFile;

    public IReadOnlyList<string> LogTail { get; } = logTail;

    public static IReadOnlyList<string> ReadTail(string logFile) =>
        File.Exists(logFile) ? File.ReadLines(logFile).TakeLast(TailLines).ToList() : [];
}
