namespace Kiln.Docker;

/// <summary>Options of <c>POST /build</c> with the classic builder.</summary>
internal sealed record ImageBuildParameters
{
    /// <summary>Repository:tag names given to the result.</summary>
    internal IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Path of the Dockerfile inside the context tar.</summary>
    internal string Dockerfile { get; init; } = "Dockerfile";

    internal IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary><c>host</c> where the daemon has no bridge network; null for the daemon's default.</summary>
    internal string? NetworkMode { get; init; }

    /// <summary>Ignore the layer cache.</summary>
    internal bool NoCache { get; init; }
}
