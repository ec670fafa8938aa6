using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Kiln.Docker;

/// <summary>
/// Build and import on top of Docker.DotNet's streamed calls, which report every JSON line but return normally
/// when a line carries an error: the daemon answers a failed build with HTTP 200 and an <c>error</c> line, so
/// these calls turn that line into a <see cref="DockerApiException"/> and return the image id.
/// </summary>
internal static class ImageOperationsExtensions
{
    /// <summary>Builds an image from a tar build context with the classic builder and returns its id.</summary>
    internal static async Task<string> BuildAsync(
        this IImageOperations images,
        Stream contextTar,
        ImageBuildParameters parameters,
        IProgress<JSONMessage>? progress,
        CancellationToken cancellationToken)
    {
        var watch = new StreamedFailureWatch(progress);
        await images.BuildImageFromDockerfileAsync(parameters, contextTar, null, null, watch, cancellationToken);
        watch.ThrowIfFailed();
        return watch.BuiltImageId ?? throw new DockerApiException(HttpStatusCode.OK, "the build finished without reporting an image id");
    }

    /// <summary>Imports a root filesystem tarball as a one-layer image (<c>docker import</c>) and returns its id.</summary>
    internal static async Task<string> ImportAsync(
        this IImageOperations images,
        Stream rootfsTar,
        ImageReference reference,
        IProgress<JSONMessage>? progress,
        CancellationToken cancellationToken)
    {
        var watch = new StreamedFailureWatch(progress);
        var parameters = new ImagesCreateParameters { FromSrc = "-", Repo = reference.Repository, Tag = reference.Tag };
        await images.CreateImageAsync(parameters, rootfsTar, null, watch, cancellationToken);
        watch.ThrowIfFailed();
        return (await images.InspectImageAsync(reference.ToString(), cancellationToken)).ID;
    }

    /// <summary>Pulls from the reference's registry; the daemon's refusal surfaces as <see cref="DockerApiException"/>.</summary>
    internal static async Task PullAsync(
        this IImageOperations images, ImageReference reference, IProgress<JSONMessage>? progress, CancellationToken cancellationToken)
    {
        var watch = new StreamedFailureWatch(progress);
        await images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag }, null, watch, cancellationToken);
        watch.ThrowIfFailed();
    }

    /// <summary>Forwards every line and remembers the first failure and the built image id (<c>aux.ID</c>).</summary>
    private sealed class StreamedFailureWatch(IProgress<JSONMessage>? inner) : IProgress<JSONMessage>
    {
        private string? failure;

        internal string? BuiltImageId { get; private set; }

        public void Report(JSONMessage value)
        {
            inner?.Report(value);
            if (value.Error?.Message is { Length: > 0 } message)
                failure ??= message.TrimEnd();
            if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && id?.ToString() is { Length: > 0 } imageId)
                BuiltImageId = imageId;
        }

        internal void ThrowIfFailed()
        {
            if (failure is not null)
                throw new DockerApiException(HttpStatusCode.OK, failure);
        }
    }
}
