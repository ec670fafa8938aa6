namespace Kiln.Tools.Sources.Apt;

/// <summary>One apt repository entry: <c>deb http://mirror/debian bookworm main</c>.</summary>
internal sealed record AptSource(string Type, Uri Uri, string Suite, IReadOnlyList<string> Components);
