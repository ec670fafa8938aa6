namespace Kiln.Docker;

/// <summary>Nothing answered at the endpoint; the message names the socket path or address that was tried.</summary>
internal sealed class DockerDaemonUnreachableException(DockerEndpoint endpoint, Exception innerException)
    : Exception(
        $"Docker daemon unreachable at {endpoint}: {innerException.GetBaseException().Message}. "
        + "Start dockerd or point DOCKER_HOST at a running daemon.",
        innerException)
{
    internal DockerEndpoint Endpoint { get; } = endpoint;
}
