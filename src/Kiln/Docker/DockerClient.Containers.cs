using System.Net;
using System.Text;

namespace Kiln.Docker;

internal sealed partial class DockerClient
{
    internal sealed class ContainerOperations(DockerClient client)
    {
        /// <summary>Creates a container and returns its id; a missing image throws <see cref="DockerImageNotFoundException"/>.</summary>
        internal async Task<string> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
        {
            var body = new CreateContainerBody(
                spec.Image,
                spec.Cmd,
                spec.Entrypoint,
                spec.Env.Select(variable => variable.Key + "=" + variable.Value).ToList(),
                spec.WorkingDir,
                spec.User,
                spec.Labels,
                new HostConfigBody(spec.Binds, spec.NetworkMode));
            var created = await client.SendForJsonAsync<CreatedContainer>(
                HttpMethod.Post,
                "containers/create" + new QueryString().AddIfSet("name", spec.Name),
                body,
                NotFoundMeaning.Image,
                cancellationToken);
            return created.Id;
        }

        internal Task<ContainerInspection> InspectAsync(string id, CancellationToken cancellationToken) =>
            client.SendForJsonAsync<ContainerInspection>(
                HttpMethod.Get, $"containers/{Escape(id)}/json", null, NotFoundMeaning.Container, cancellationToken);

        internal Task StartAsync(string id, CancellationToken cancellationToken) =>
            client.SendAndDiscardAsync(HttpMethod.Post, $"containers/{Escape(id)}/start", null, NotFoundMeaning.Container, cancellationToken);

        /// <summary>Waits until the container stops and returns its exit code.</summary>
        internal async Task<long> WaitAsync(string id, CancellationToken cancellationToken)
        {
            var exit = await client.SendForJsonAsync<ContainerExit>(
                HttpMethod.Post, $"containers/{Escape(id)}/wait", null, NotFoundMeaning.Container, cancellationToken);
            return exit.Error?.Message is { Length: > 0 } error
                ? throw new DockerApiException(HttpStatusCode.OK, $"waiting for container {id}: {error}")
                : exit.StatusCode;
        }

        /// <summary>Copies the container's output so far into two streams, stdout and stderr apart.</summary>
        internal async Task LogsAsync(string id, Stream stdout, Stream stderr, CancellationToken cancellationToken)
        {
            var query = new QueryString().Add("stdout", "1").Add("stderr", "1");
            using var response = await client.SendAsync(
                HttpMethod.Get, $"containers/{Escape(id)}/logs" + query, null, NotFoundMeaning.Container, cancellationToken);
            await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            await MultiplexedStream.DemultiplexAsync(source, stdout, stderr, cancellationToken);
        }

        internal async Task<ContainerOutput> LogsAsync(string id, CancellationToken cancellationToken)
        {
            using var stdout = new MemoryStream();
            using var stderr = new MemoryStream();
            await LogsAsync(id, stdout, stderr, cancellationToken);
            return new ContainerOutput(Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
        }

        /// <summary>Removes the container; <paramref name="force"/> kills it first when it still runs.</summary>
        internal Task RemoveAsync(string id, bool force, CancellationToken cancellationToken) =>
            client.SendAndDiscardAsync(
                HttpMethod.Delete,
                $"containers/{Escape(id)}" + new QueryString().AddIf(force, "force", "1").Add("v", "1"),
                null,
                NotFoundMeaning.Container,
                cancellationToken);

        /// <summary>
        /// <c>GET /containers/{id}/archive?path=</c>: a tar stream of the path, whose top entry is the path's last
        /// component. The caller disposes the stream, which releases the connection.
        /// </summary>
        internal async Task<Stream> GetArchiveAsync(string id, string path, CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(
                HttpMethod.Get,
                $"containers/{Escape(id)}/archive" + new QueryString().Add("path", path),
                null,
                NotFoundMeaning.Container,
                cancellationToken);
            try
            {
                return await response.Content.ReadAsStreamAsync(cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        private static string Escape(string id) => Uri.EscapeDataString(id);

        private sealed record CreateContainerBody(
            string Image,
            IReadOnlyList<string>? Cmd,
            IReadOnlyList<string>? Entrypoint,
            IReadOnlyList<string> Env,
            string? WorkingDir,
            string? User,
            IReadOnlyDictionary<string, string> Labels,
            HostConfigBody HostConfig);

        private sealed record HostConfigBody(IReadOnlyList<string> Binds, string? NetworkMode);

        private sealed record CreatedContainer(string Id);

        private sealed record ContainerExit(long StatusCode, ContainerExitError? Error);

        private sealed record ContainerExitError(string? Message);
    }
}
