using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Kiln.Docker;

/// <summary>
/// A typed client for the Docker Engine API v1.41, shaped like Docker.DotNet: one client, one group per
/// resource (<see cref="System"/>, <see cref="Images"/>, <see cref="Containers"/>, <see cref="Exec"/>).
/// </summary>
internal sealed partial class DockerClient : IDisposable
{
    internal const string ApiVersion = "1.41";

    private readonly HttpClient http;

    internal DockerClient(DockerEndpoint endpoint)
    {
        Endpoint = endpoint;
        http = new HttpClient(CreateHandler(endpoint), disposeHandler: true)
        {
            BaseAddress = new Uri((endpoint.TcpAddress ?? new Uri("http://docker/")) + "v" + ApiVersion + "/"),
            // Builds, waits and execs last as long as the work they wrap; callers bound them with cancellation tokens.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Kiln", "1"));
        System = new SystemOperations(this);
        Images = new ImageOperations(this);
        Containers = new ContainerOperations(this);
        Exec = new ExecOperations(this);
    }

    /// <summary>A client for <c>DOCKER_HOST</c>, or the default socket when it is unset.</summary>
    internal static DockerClient FromEnvironment() => new(DockerEndpoint.FromEnvironment());

    internal DockerEndpoint Endpoint { get; }

    internal SystemOperations System { get; }

    internal ImageOperations Images { get; }

    internal ContainerOperations Containers { get; }

    internal ExecOperations Exec { get; }

    public void Dispose() => http.Dispose();

    private static SocketsHttpHandler CreateHandler(DockerEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        if (endpoint.SocketPath is { } socketPath)
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        return handler;
    }
}
