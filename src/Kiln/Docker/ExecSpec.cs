namespace Kiln.Docker;

/// <summary>A command to run in a running container with <c>POST /containers/{id}/exec</c>.</summary>
internal sealed record ExecSpec(IReadOnlyList<string> Cmd)
{
    internal IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    internal string? WorkingDir { get; init; }

    internal string? User { get; init; }
}
