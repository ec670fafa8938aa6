using Docker.DotNet;

namespace Kiln.Docker;

/// <summary>Whether an Engine API answers, for <c>--executor auto</c>; <see cref="Description"/> says where and why.</summary>
internal sealed record DockerAvailability(bool IsAvailable, string Description)
{
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Pings <paramref name="endpoint"/> (default: <c>DOCKER_HOST</c> or the default socket) within <paramref name="timeout"/> (default 1 s).</summary>
    internal static async Task<DockerAvailability> ProbeAsync(
        Uri? endpoint = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var builder = new DockerClientBuilder();
        using var client = (endpoint is null ? builder : builder.WithEndpoint(endpoint)).Build();
        var target = client.Options.Endpoint;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await client.System.PingAsync(deadline.Token);
            return new DockerAvailability(true, $"Docker daemon answers at {target}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DockerAvailability(false, $"Docker daemon at {target} did not answer /_ping within {limit.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            return new DockerAvailability(false, Unreachable(target, e));
        }
    }

    /// <summary>Why nothing answered at <paramref name="endpoint"/>, naming it.</summary>
    internal static string Unreachable(Uri endpoint, Exception error) =>
        // A missing unix socket surfaces as "Cannot assign requested address", which hides the simple cause.
        $"Docker daemon unreachable at {endpoint}: "
        + (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath) ? "the socket does not exist" : error.GetBaseException().Message);
}
