namespace Kiln.Tools;

internal enum ToolBuildPhase
{
    Started,
    Succeeded,
    Failed,

    /// <summary>Stopped by Ctrl-C or because another job failed.</summary>
    Cancelled,
}

/// <summary>Progress of one recipe for one architecture, for a console line per tool and arch.</summary>
internal sealed record ToolBuildEvent(string Arch, string Tool, ToolBuildPhase Phase, TimeSpan Elapsed, string LogFile);
