namespace Kiln.Docker;

/// <summary>The daemon's answer to <c>GET /version</c>, reduced to what a build log wants to show.</summary>
internal sealed record DockerVersion(string Version, string ApiVersion, string MinAPIVersion, string Os, string Arch, string KernelVersion);
