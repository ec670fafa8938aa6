namespace Kiln.Docker;

internal sealed partial class DockerClient
{
    internal sealed class SystemOperations(DockerClient client)
    {
        /// <summary><c>GET /_ping</c>; throws <see cref="DockerDaemonUnreachableException"/> when nothing answers.</summary>
        internal async Task PingAsync(CancellationToken cancellationToken)
        {
            using var response = await client.SendAsync(HttpMethod.Get, "_ping", null, NotFoundMeaning.Nothing, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (answer != "OK")
                throw new DockerApiException(response.StatusCode, $"unexpected answer to /_ping at {client.Endpoint}: '{answer}'");
        }

        internal Task<DockerVersion> VersionAsync(CancellationToken cancellationToken) =>
            client.SendForJsonAsync<DockerVersion>(HttpMethod.Get, "version", null, NotFoundMeaning.Nothing, cancellationToken);
    }
}
