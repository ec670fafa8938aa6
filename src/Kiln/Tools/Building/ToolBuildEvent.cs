namespace Kiln.Tools.Building;

internal enum ToolBuildPhase
{
    Started,
    Succeeded,
    Failed,

    /// <summary>Stopped by Ctrl-C or because another job failed.</summary>
    Cancelled,
}

/// <summary>Progress of one recipe for one architecture, for a console line per tool and arch.</summary>
internal sealed record ToolBuildEvent(string Arch, string Tool, ToolBuildPhase Phase, TimeSpan Elapsed, string LogFile)
{
    /// <summary>The phase in the words of a progress line, e.g. <c>done in 9.5s</c>; a failure names its log.</summary>
    public string Words => Phase switch
    {
        ToolBuildPhase.Started => "building",
        ToolBuildPhase.Succeeded => $"done in {Elapsed.TotalSeconds:0.0}s",
        ToolBuildPhase.Cancelled => $"cancelled after {Elapsed.TotalSeconds:0.0}s",
        _ => $"FAILED after {Elapsed.TotalSeconds:0.0}s (log: {LogFile})",
    };
}
