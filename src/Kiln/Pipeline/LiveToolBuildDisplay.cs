using System.Diagnostics;
using Kiln.Tools.Building;
using Spectre.Console;

namespace Kiln.Pipeline;

/// <summary>
/// The tools builds on a terminal: one line per started build, redrawn in place while the builds run (elapsed time
/// for running ones, the outcome for the others), and left on screen as the record when they end. Events come from
/// the builds' own threads; the drawing loop reads a snapshot under a lock.
/// </summary>
internal sealed class LiveToolBuildDisplay(TextWriter writer) : IProgress<ToolBuildEvent>
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private readonly List<(string Job, ToolBuildEvent Last, Stopwatch Clock)> _jobs = [];

    public void Report(ToolBuildEvent value)
    {
        var job = $"[{value.Arch}] {value.Tool}";
        lock (_lock)
        {
            var index = _jobs.FindIndex(j => j.Job == job);
            if (index < 0)
                _jobs.Add((job, value, Stopwatch.StartNew()));
            else
                _jobs[index] = (job, value, _jobs[index].Clock);
        }
    }

    /// <summary>Runs <paramref name="work"/> with the display live; it stops, drawn one last time, when the work ends however it ends.</summary>
    public async Task RunAsync(Func<Task> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(running, Task.Delay(Redraw));
            }

            context.UpdateTarget(Render());
            await running;
        });
    }

    // Spectre cannot measure an empty Rows, so before the first build starts a blank line stands in.
    private Rows Render()
    {
        lock (_lock)
            return _jobs.Count == 0
                ? new Rows(new Text(""))
                : new Rows(_jobs.Select(j => new Markup($"  {Markup.Escape(j.Job),-22} {Describe(j.Last, j.Clock.Elapsed)}")));
    }

    private static string Describe(ToolBuildEvent last, TimeSpan elapsed)
    {
        var colour = last.Phase switch
        {
            ToolBuildPhase.Started => "yellow",
            ToolBuildPhase.Succeeded => "green",
            ToolBuildPhase.Cancelled => "grey",
            _ => "red",
        };
        var words = last.Phase == ToolBuildPhase.Started ? $"{last.Words} {elapsed.TotalSeconds:0}s" : last.Words;
        return $"[{colour}]{Markup.Escape(words)}[/]";
    }
}
