using Kiln.Targets.Fingerprints;

namespace Kiln.Tools.Host;

/// <summary>A path with the status <c>lstat</c> gave for it.</summary>
internal sealed record StatedPath(string Path, FileStat Stat);
