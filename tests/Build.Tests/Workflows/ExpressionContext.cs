namespace Build.Tests.Workflows;

/// <summary>
/// The contexts one step's expressions see. A context the simulation does not model (<c>env</c>, <c>inputs</c>, ...),
/// an unknown property of a modelled one, or a step or job id that does not exist throws instead of reading as empty.
/// <c>vars</c> are a repository that sets none, <c>secrets</c> one that sets only <see cref="Secrets"/>: GitHub reads an
/// unset one as an empty string.
/// </summary>
internal sealed class ExpressionContext
{
    public required IReadOnlyDictionary<string, string> Matrix { get; init; }

    /// <summary>The <c>github</c> context by path below it: <c>ref</c>, <c>event.repository.default_branch</c>.</summary>
    public required IReadOnlyDictionary<string, string> GitHub { get; init; }

    public required IReadOnlyDictionary<string, string> Runner { get; init; }

    /// <summary>Every step id of the job, run or not yet.</summary>
    public required IReadOnlyDictionary<string, StepRecord> Steps { get; init; }

    /// <summary>The jobs named in <c>needs:</c>.</summary>
    public required IReadOnlyDictionary<string, JobRecord> Needs { get; init; }

    /// <summary>The repository's secrets by name; none unless a test sets them.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether an earlier step of the job (or, for a job's <c>if:</c>, a needed job) failed.</summary>
    public bool Failed { get; init; }

    public object? Resolve(string path)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["matrix", var key] => Matrix.TryGetValue(key, out var value) ? value : throw Unknown(path),
            ["runner", var key] => Runner.TryGetValue(key, out var value) ? value : throw Unknown(path),
            // The simulated event is a push: it has no pull request.
            ["github", "event", "pull_request", ..] => null,
            ["github", .. var property] => GitHub.TryGetValue(string.Join('.', property), out var value) ? value : throw Unknown(path),
            ["vars", _] => "",
            ["secrets", var name] => Secrets.GetValueOrDefault(name, ""),
            ["steps", var id, "outputs", var name] => Step(id, path).Outputs.GetValueOrDefault(name),
            ["steps", var id, "outcome" or "conclusion"] => Step(id, path).Outcome,
            ["needs", var id, "outputs", var name] => Need(id, path).Outputs.GetValueOrDefault(name),
            ["needs", var id, "result"] => Need(id, path).Result,
            _ => throw Unknown(path),
        };
    }

    private StepRecord Step(string id, string path) => Steps.TryGetValue(id, out var step) ? step : throw Unknown(path);

    private JobRecord Need(string id, string path) => Needs.TryGetValue(id, out var job) ? job : throw Unknown(path);

    private static InvalidOperationException Unknown(string path) =>
        new($"The workflow simulation does not know '{path}': a context it does not model, or an id that does not exist.");
}
