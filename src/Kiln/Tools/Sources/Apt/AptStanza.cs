namespace Kiln.Tools.Sources.Apt;

/// <summary>
/// One deb822 paragraph of a <c>.sources</c> file: its lines as written (comments dropped, continuation lines kept)
/// and its fields, so it can be both read (<see cref="Field"/>) and written back with one field changed.
/// </summary>
internal sealed class AptStanza
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    private AptStanza(IReadOnlyList<string> lines)
    {
        Lines = lines;
        string? lastField = null;
        foreach (var line in lines)
        {
            if (char.IsWhiteSpace(line[0]) && lastField is not null)
            {
                _fields[lastField] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            lastField = line[..colon].Trim();
            _fields[lastField] = line[(colon + 1)..].Trim();
        }
    }

    internal IReadOnlyList<string> Lines { get; }

    internal bool IsEnabled => !(_fields.TryGetValue("Enabled", out var enabled) && enabled.Equals("no", StringComparison.OrdinalIgnoreCase));

    /// <summary>The words of a field (<c>Types</c>, <c>URIs</c>, <c>Suites</c>, <c>Components</c>); empty when it is absent.</summary>
    internal string[] Field(string name) =>
        _fields.TryGetValue(name, out var value) ? value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>The paragraph as text with the single-line field <paramref name="name"/> set to <paramref name="value"/>.</summary>
    internal string With(string name, string value) =>
        string.Join("\n", Lines.Select(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) ? $"{name}: {value}" : line));

    internal static IEnumerable<AptStanza> Parse(string text)
    {
        var lines = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
                continue;
            if (line.Trim().Length > 0)
            {
                lines.Add(line);
                continue;
            }
            if (lines.Count > 0)
                yield return new AptStanza(lines);
            lines = [];
        }
        if (lines.Count > 0)
            yield return new AptStanza(lines);
    }
}
