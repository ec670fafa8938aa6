namespace Kiln.Targets;

/// <summary>What a running target can reach: the build's cancellation and a note for the summary table.</summary>
public sealed class TargetContext
{
    private readonly List<string> _notes = [];

    internal TargetContext(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>Cancelled by Ctrl-C; the target is then reported as Aborted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Adds a short note to this target's row in the summary, e.g. <c>x86_64: hit 3f2a9c01d4e5</c>.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Adds one note per line, in order: a stage that reports one line per arch gives one note each.</summary>
    public void Note(IEnumerable<string> notes) => _notes.AddRange(notes);

    internal IReadOnlyList<string> Notes => _notes;
}
