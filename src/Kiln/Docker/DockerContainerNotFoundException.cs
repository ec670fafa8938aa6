using System.Net;

namespace Kiln.Docker;

internal sealed class DockerContainerNotFoundException(string daemonMessage)
    : DockerApiException(HttpStatusCode.NotFound, daemonMessage);
