using System.Net;

namespace Kiln.Docker;

internal sealed class DockerImageNotFoundException(string daemonMessage)
    : DockerApiException(HttpStatusCode.NotFound, daemonMessage);
