using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace Kiln.Targets.Fingerprints;

/// <summary>
/// Everything a fingerprint is computed from: named values (arch, executor, toolchain identity, builder Dockerfile
/// digest, base image, recipe format version, tool-affecting parameters) and the digest of every file under the
/// fingerprinted root, keyed by its <c>/</c>-separated relative path. Kept as JSON next to a cache entry so that a
/// miss can be explained (<see cref="FingerprintDiff"/>).
/// </summary>
public sealed partial class FingerprintInputs
{
    private const string CanonicalFormat = "kiln-fingerprint/1";
    private string? _key;

    public FingerprintInputs(IReadOnlyDictionary<string, string> named, IReadOnlyDictionary<string, FileDigest> files)
    {
        Named = named.ToImmutableSortedDictionary(StringComparer.Ordinal);
        Files = files.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    public ImmutableSortedDictionary<string, string> Named { get; }

    public ImmutableSortedDictionary<string, FileDigest> Files { get; }

    /// <summary>The fingerprint: SHA-256 (lowercase hex) of the canonical, ordinally sorted description of all inputs.</summary>
    public string Key => _key ??= ComputeKey();

    /// <summary>The same files with these named values added or replaced, e.g. one document per target arch.</summary>
    public FingerprintInputs With(IReadOnlyDictionary<string, string> named) =>
        new(Named.SetItems(named), Files);

    public FingerprintInputs With(string name, string value) => new(Named.SetItem(name, value), Files);

    /// <summary>The files under one folder of the root (paths kept whole, e.g. <c>stress/build.sh</c>) and none of the named values.</summary>
    public FingerprintInputs Under(string folder) =>
        new(ImmutableSortedDictionary<string, string>.Empty, Files.Where(file => file.Key.StartsWith(folder + "/", StringComparison.Ordinal)).ToDictionary());

    private string ComputeKey()
    {
        var canonical = new StringBuilder(CanonicalFormat).Append('\n');
        foreach (var (name, value) in Named)
        {
            Quote(canonical.Append("input "), name);
            Quote(canonical.Append(' '), value).Append('\n');
        }

        foreach (var (path, digest) in Files)
        {
            Quote(canonical.Append(digest.SymlinkTarget is null ? "file " : "link "), path).Append(' ');
            if (digest.SymlinkTarget is { } target)
                Quote(canonical, target);
            else
                canonical.Append(digest.Executable ? "x " : "- ").Append(digest.Sha256);
            canonical.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// A double-quoted string with <c>"</c>, <c>\</c> and control characters escaped: every name, path and value is
    /// unambiguous whatever it holds, and the key stays one fixed definition (not whatever a JSON encoder prefers).
    /// </summary>
    private static StringBuilder Quote(StringBuilder canonical, string text)
    {
        canonical.Append('"');
        foreach (var character in text)
        {
            if (character is '"' or '\\' || character < ' ')
                canonical.Append("\\u").Append(((int)character).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else
                canonical.Append(character);
        }

        return canonical.Append('"');
    }
}
