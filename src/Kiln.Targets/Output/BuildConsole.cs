using Kiln.Targets.Foundation;
using Kiln.Targets.Results;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kiln.Targets.Output;

/// <summary>
/// Everything the engine prints goes through here, one method per event. Colour only on a terminal that wants it:
/// Spectre honours <c>NO_COLOR</c> and prints plain text when output is redirected. Under GitHub Actions each target
/// becomes a collapsible <c>::group::</c>.
/// </summary>
internal sealed class BuildConsole
{
    private readonly IAnsiConsole _console;
    private readonly bool _githubActions;
    private readonly bool _interactive;

    public BuildConsole(TextWriter writer, bool interactive, bool githubActions)
    {
        Writer = writer;
        _githubActions = githubActions;
        _interactive = interactive;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
            _console.Profile.Width = 160;
    }

    /// <summary>Where build components write their own progress lines.</summary>
    public TextWriter Writer { get; }

    public void TargetStarting(string name)
    {
        if (_githubActions)
            Writer.WriteLine(GitHubActions.StartGroup(name));
        Line("bold blue", $"═══ {name}");
    }

    public void TargetFinished(TargetResult result)
    {
        if (result.Status == TargetStatus.Failed && result.Error is not null)
            Line("red", Describe(result.Error));
        if (_githubActions)
            Writer.WriteLine(GitHubActions.EndGroup);
        if (result.Status == TargetStatus.Failed && _githubActions)
            Writer.WriteLine(GitHubActions.Error($"Target {result.Name} failed", Cause(result.Error!).Message));
    }

    public void TargetSkipped(string name, string reason) => Line("grey", $"─── {name} skipped: {reason}");

    public void TargetUpToDate(string name, string reason) => Line("grey", $"─── {name} up to date: {reason}");

    /// <summary>Why a target that declares its inputs and outputs runs (what changed since its last successful run).</summary>
    public void TargetOutOfDate(string name, string reason) => Line("grey", $"    {name} runs: {reason}");

    /// <summary>Usage, parameter and graph errors: all of them, then nothing runs.</summary>
    public void Errors(string title, IEnumerable<string> errors)
    {
        Line("red bold", title);
        foreach (var error in errors)
            Line("red", $"  - {error}");
    }

    public void Summary(IReadOnlyList<TargetResult> results, TimeSpan total)
    {
        var table = new Table()
            .Border(_console.Profile.Capabilities.Unicode ? TableBorder.Simple : TableBorder.Ascii)
            .AddColumn("Target")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn("Note");
        foreach (var result in results)
        {
            table.AddRow(
                new Text(result.Name),
                new Markup($"[{Colour(result.Status)}]{result.Status}[/]"),
                new Text(Duration(result)),
                new Text(result.Note ?? ""));
        }

        table.AddEmptyRow();
        table.AddRow(new Text("Total"), new Text(""), new Text(Format(total)), new Text(""));
        _console.WriteLine();
        _console.Write(table);

        Line(Failed(results) ? "red bold" : "green bold", Outcome(results, total));
    }

    /// <summary>The summary's last line: whether the build failed, and after how long.</summary>
    internal static string Outcome(IReadOnlyList<TargetResult> results, TimeSpan total) =>
        Failed(results) ? $"Build failed after {Format(total)}." : $"Build succeeded in {Format(total)}.";

    private static bool Failed(IReadOnlyList<TargetResult> results) =>
        results.Any(r => r.Status is TargetStatus.Failed or TargetStatus.Aborted);

    public void Write(IRenderable renderable) => _console.Write(renderable);

    // Plain lines bypass Spectre when output is not a terminal, so logs keep long messages on one line.
    private void Line(string style, string text)
    {
        if (_interactive)
            _console.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
        else
            Writer.WriteLine(text);
    }

    public void WriteLine(string text = "") => Writer.WriteLine(text);

    internal static string Format(TimeSpan duration) =>
        duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}:{duration.Seconds:00}" : $"{duration.TotalSeconds:0.0}s";

    /// <summary>A row's duration; empty for a target that did not run.</summary>
    internal static string Duration(TargetResult result) =>
        result.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(result.Duration) : "";

    private static string Colour(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => "green",
        TargetStatus.Failed or TargetStatus.Aborted => "red",
        TargetStatus.Skipped or TargetStatus.UpToDate => "grey",
        _ => "yellow",
    };

    private static Exception Cause(Exception error) => error is TargetFailedException { InnerException: { } inner } ? inner : error;

    internal static string Describe(Exception error)
    {
        var cause = Cause(error);
        // A BuildException's message already says what went wrong and where; anything else is a bug and deserves its stack trace.
        return cause is BuildException ? cause.Message : cause.ToString();
    }
}
