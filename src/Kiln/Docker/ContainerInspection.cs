namespace Kiln.Docker;

/// <summary>The part of <c>GET /containers/{id}/json</c> that says what a container is and whether it runs.</summary>
internal sealed record ContainerInspection(string Id, string Name, string Image, ContainerState State);

internal sealed record ContainerState(string Status, bool Running, long ExitCode);
