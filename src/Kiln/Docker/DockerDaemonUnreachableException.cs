namespace Kiln.Docker;

/// <summary>Nothing answered at the endpoint; the message names the socket path or address that was tried.</summary>
internal sealed class DockerDaemonUnreachableException(DockerEndpoint endpoint, Exception innerException)
    : Exception(
        $"Docker daemon unreachable at {endpoint}: {Reason(endpoint, innerException)}. "
        + "Start dockerd or point DOCKER_HOST at a running daemon.",
        innerException)
{
    internal DockerEndpoint Endpoint { get; } = endpoint;

    // A missing unix socket surfaces as "Cannot assign requested address", which hides the simple cause.
    private static string Reason(DockerEndpoint endpoint, Exception innerException) =>
        endpoint.SocketPath is { } path && !File.Exists(path)
            ? "the socket does not exist"
            : innerException.GetBaseException().Message;
}
