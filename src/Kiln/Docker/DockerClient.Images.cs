using System.Net;
using System.Text.Json;

namespace Kiln.Docker;

internal sealed partial class DockerClient
{
    internal sealed class ImageOperations(DockerClient client)
    {
        internal Task<ImageInspection> InspectAsync(string name, CancellationToken cancellationToken) =>
            client.SendForJsonAsync<ImageInspection>(
                HttpMethod.Get, $"images/{Uri.EscapeDataString(name)}/json", null, NotFoundMeaning.Image, cancellationToken);

        internal async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                await InspectAsync(name, cancellationToken);
                return true;
            }
            catch (DockerImageNotFoundException)
            {
                return false;
            }
        }

        /// <summary>
        /// Builds an image from a tar build context with the classic builder and returns its id. Every output line
        /// is reported; a failing step throws <see cref="DockerApiException"/> with the daemon's message.
        /// </summary>
        internal async Task<string> BuildAsync(
            Stream contextTar,
            ImageBuildParameters parameters,
            IProgress<JsonMessage>? progress,
            CancellationToken cancellationToken)
        {
            var query = new QueryString()
                .Add("version", "1")
                .Add("dockerfile", parameters.Dockerfile)
                .Add("rm", "1")
                .Add("forcerm", "1")
                .Add("buildargs", JsonSerializer.Serialize(parameters.BuildArgs))
                .AddIfSet("networkmode", parameters.NetworkMode)
                .AddIf(parameters.NoCache, "nocache", "1");
            foreach (var tag in parameters.Tags)
                query.Add("t", tag);
            var messages = await client.SendForJsonLinesAsync(
                HttpMethod.Post, "build" + query, TarContent(contextTar), NotFoundMeaning.Nothing, progress, cancellationToken);
            return messages.Select(BuiltImageId).LastOrDefault(id => id is not null)
                ?? throw new DockerApiException(HttpStatusCode.OK, "the build finished without reporting an image id");
        }

        /// <summary>Imports a root filesystem tarball as a one-layer image (<c>docker import</c>) and returns its id.</summary>
        internal async Task<string> ImportAsync(
            Stream rootfsTar,
            ImageReference reference,
            IProgress<JsonMessage>? progress,
            CancellationToken cancellationToken)
        {
            var query = new QueryString().Add("fromSrc", "-").Add("repo", reference.Repository).Add("tag", reference.Tag);
            await client.SendForJsonLinesAsync(
                HttpMethod.Post, "images/create" + query, TarContent(rootfsTar), NotFoundMeaning.Nothing, progress, cancellationToken);
            return (await InspectAsync(reference.ToString(), cancellationToken)).Id;
        }

        /// <summary>Pulls from the reference's registry; throws <see cref="DockerApiException"/> when no registry answers.</summary>
        internal async Task PullAsync(ImageReference reference, IProgress<JsonMessage>? progress, CancellationToken cancellationToken)
        {
            var query = new QueryString().Add("fromImage", reference.Repository).Add("tag", reference.Tag);
            await client.SendForJsonLinesAsync(
                HttpMethod.Post, "images/create" + query, null, NotFoundMeaning.Image, progress, cancellationToken);
        }

        internal Task TagAsync(string name, ImageReference target, CancellationToken cancellationToken) =>
            client.SendAndDiscardAsync(
                HttpMethod.Post,
                $"images/{Uri.EscapeDataString(name)}/tag" + new QueryString().Add("repo", target.Repository).Add("tag", target.Tag),
                null,
                NotFoundMeaning.Image,
                cancellationToken);

        /// <summary>Removes a tag, or the image itself when <paramref name="name"/> is its id or last tag.</summary>
        internal Task RemoveAsync(string name, bool force, CancellationToken cancellationToken) =>
            client.SendAndDiscardAsync(
                HttpMethod.Delete,
                $"images/{Uri.EscapeDataString(name)}" + new QueryString().AddIf(force, "force", "1"),
                null,
                NotFoundMeaning.Image,
                cancellationToken);

        private static string? BuiltImageId(JsonMessage message) =>
            message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("ID", out var id) ? id.GetString() : null;
    }
}
