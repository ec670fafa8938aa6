namespace Kiln.Docker;

/// <summary>A container's stdout and stderr, kept apart.</summary>
internal sealed record ContainerOutput(string Stdout, string Stderr);
