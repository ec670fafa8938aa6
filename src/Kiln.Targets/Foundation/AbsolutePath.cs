namespace Kiln.Targets.Foundation;

/// <summary>A rooted, normalised file system path; <c>root / "dist"</c> combines.</summary>
public sealed record AbsolutePath
{
    public AbsolutePath(string path)
    {
        if (!Path.IsPathRooted(path))
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        Value = Path.GetFullPath(path);
    }

    public string Value { get; }

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left.Value, right));

    public static implicit operator string(AbsolutePath path) => path.Value;

    public override string ToString() => Value;
}
