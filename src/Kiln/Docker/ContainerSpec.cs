namespace Kiln.Docker;

/// <summary>What <c>POST /containers/create</c> needs to make a container.</summary>
internal sealed record ContainerSpec(string Image)
{
    /// <summary>Container name; null lets the daemon pick one.</summary>
    internal string? Name { get; init; }

    internal IReadOnlyList<string>? Cmd { get; init; }

    internal IReadOnlyList<string>? Entrypoint { get; init; }

    internal IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    internal string? WorkingDir { get; init; }

    /// <summary><c>user</c>, <c>uid</c> or <c>uid:gid</c> the command runs as.</summary>
    internal string? User { get; init; }

    /// <summary>Bind mounts as <c>host-path:container-path[:ro]</c>.</summary>
    internal IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary><c>host</c> where the daemon has no bridge network; null for the daemon's default.</summary>
    internal string? NetworkMode { get; init; }

    internal IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
