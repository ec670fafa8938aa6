namespace Kiln.Docker;

/// <summary>An image by tag and id; <see cref="WasBuilt"/> is false when an existing image was reused.</summary>
internal sealed record BuiltImage(string Tag, string Id, bool WasBuilt);
