namespace Kiln.Docker;

/// <summary>The part of <c>GET /images/{name}/json</c> a build needs.</summary>
internal sealed record ImageInspection(string Id, IReadOnlyList<string>? RepoTags, string Architecture, string Os, long Size);
