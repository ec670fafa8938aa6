namespace Kiln.Docker;

/// <summary>
/// Where the Engine API listens: a unix socket path or a TCP address, as <c>DOCKER_HOST</c> spells it
/// (<c>unix:///var/run/docker.sock</c>, <c>tcp://127.0.0.1:2375</c>).
/// </summary>
internal sealed record DockerEndpoint
{
    internal const string DefaultSocketPath = "/var/run/docker.sock";

    private DockerEndpoint(string? socketPath, Uri? tcpAddress)
    {
        SocketPath = socketPath;
        TcpAddress = tcpAddress;
    }

    /// <summary>The unix socket, or null for a TCP endpoint.</summary>
    internal string? SocketPath { get; }

    /// <summary>The HTTP address of a TCP endpoint, or null for a unix socket.</summary>
    internal Uri? TcpAddress { get; }

    internal static DockerEndpoint Default { get; } = UnixSocket(DefaultSocketPath);

    internal static DockerEndpoint UnixSocket(string path) => new(path, null);

    /// <summary>Reads <c>DOCKER_HOST</c>; the default socket when it is unset or empty.</summary>
    internal static DockerEndpoint FromEnvironment() => Parse(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    internal static DockerEndpoint Parse(string? dockerHost)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
            return Default;
        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = dockerHost["unix://".Length..];
            return path.Length == 0
                ? throw new ArgumentException($"DOCKER_HOST '{dockerHost}' names no socket path", nameof(dockerHost))
                : UnixSocket(path);
        }
        if (dockerHost.StartsWith("tcp://", StringComparison.Ordinal)
            && Uri.TryCreate("http://" + dockerHost["tcp://".Length..], UriKind.Absolute, out var address)
            && !address.IsDefaultPort)
            return new DockerEndpoint(null, new Uri(address.GetLeftPart(UriPartial.Authority) + "/"));
        throw new ArgumentException(
            $"DOCKER_HOST '{dockerHost}' is not supported: use unix:///path/to/docker.sock or tcp://host:port",
            nameof(dockerHost));
    }

    public override string ToString() => SocketPath is not null ? "unix://" + SocketPath : "tcp://" + TcpAddress!.Authority;
}
