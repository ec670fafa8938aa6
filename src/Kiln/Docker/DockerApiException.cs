using System.Net;

namespace Kiln.Docker;

/// <summary>The daemon refused a request; <see cref="Exception.Message"/> carries the daemon's own words.</summary>
internal class DockerApiException(HttpStatusCode statusCode, string daemonMessage)
    : Exception($"Docker daemon: {daemonMessage} (HTTP {(int)statusCode})")
{
    internal HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The message exactly as the daemon wrote it.</summary>
    internal string DaemonMessage { get; } = daemonMessage;
}
