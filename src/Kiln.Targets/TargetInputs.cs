using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>
/// What a target's result is made of, declared with <see cref="ITargetDefinition.Inputs(Func{TargetInputs})"/>: files
/// (single ones, or globs under a directory) whose contents count, and named values (parameters, the SDK version, the
/// tools' keys) that count as text. Nothing else about a file (mtime, owner, inode) counts.
/// </summary>
public sealed class TargetInputs
{
    private readonly List<FileInputs> _files = [];
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    internal IReadOnlyList<FileInputs> FileSets => _files;

    internal IReadOnlyDictionary<string, string> NamedValues => _values;

    /// <summary>
    /// Every file under <paramref name="directory"/> matching one of <paramref name="patterns"/> (globs such as
    /// <c>**/*.cs</c>; none means every file) and none of those written with a leading <c>!</c>, whose <c>*</c> matches any
    /// characters of the path under the directory (<c>!*.md5.txt</c>).
    /// </summary>
    public TargetInputs Files(AbsolutePath directory, params string[] patterns)
    {
        _files.Add(new FileInputs(directory, patterns.Length == 0 ? ["**/*"] : patterns));
        return this;
    }

    /// <summary>One file; a missing file counts as absent, so creating it later changes the inputs.</summary>
    public TargetInputs File(AbsolutePath path)
    {
        _files.Add(new FileInputs(path, []));
        return this;
    }

    /// <summary>A named value; null counts as absent, so setting it later changes the inputs.</summary>
    public TargetInputs Value(string name, string? value)
    {
        if (value is null)
            _values.Remove(name);
        else
            _values[name] = value;
        return this;
    }

    /// <summary>Several named values at once, e.g. one tools key per arch.</summary>
    public TargetInputs Values(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values)
            Value(name, value);
        return this;
    }

    /// <summary>A file (no patterns) or the files under a directory that match the patterns.</summary>
    internal sealed record FileInputs(AbsolutePath Path, IReadOnlyList<string> Patterns);
}
