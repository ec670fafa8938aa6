namespace Kiln.Docker;

/// <summary>
/// The machine's configured apt repositories, read from one-line <c>.list</c> files and deb822 <c>.sources</c>
/// files, so a base image can be bootstrapped from the same mirror without a host name in the repository.
/// </summary>
internal sealed class AptSources
{
    internal const string DefaultDirectory = "/etc/apt";

    private AptSources(IReadOnlyList<AptSource> entries, IReadOnlyList<string> filesRead)
    {
        Entries = entries;
        FilesRead = filesRead;
    }

    internal IReadOnlyList<AptSource> Entries { get; }

    internal IReadOnlyList<string> FilesRead { get; }

    /// <summary>Reads <c>sources.list</c> and every <c>sources.list.d/*.list</c> and <c>*.sources</c> under <paramref name="aptDirectory"/>.</summary>
    internal static AptSources Read(string aptDirectory = DefaultDirectory)
    {
        var files = new List<string>();
        var mainList = Path.Combine(aptDirectory, "sources.list");
        if (File.Exists(mainList))
            files.Add(mainList);
        var partsDirectory = Path.Combine(aptDirectory, "sources.list.d");
        if (Directory.Exists(partsDirectory))
            files.AddRange(Directory.EnumerateFiles(partsDirectory)
                .Where(file => file.EndsWith(".list", StringComparison.Ordinal) || file.EndsWith(".sources", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        var entries = files.SelectMany(file => file.EndsWith(".sources", StringComparison.Ordinal)
                ? ParseDeb822(File.ReadAllText(file))
                : ParseOneLine(File.ReadAllText(file)))
            .ToList();
        return new AptSources(entries, files);
    }

    /// <summary>The first binary-package mirror that serves <paramref name="suite"/> with the <c>main</c> component.</summary>
    internal Uri FindMirror(string suite) =>
        Entries.FirstOrDefault(entry => entry.Type == "deb" && entry.Suite == suite && entry.Components.Contains("main"))?.Uri
        ?? throw new InvalidOperationException(
            $"no apt source serves suite '{suite}' (component main) in {(FilesRead.Count == 0 ? "(no apt source files found)" : string.Join(", ", FilesRead))}; "
            + "add one, or make the base image available to the daemon");

    internal static IEnumerable<AptSource> ParseOneLine(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = StripComment(rawLine);
            if (line.Length == 0)
                continue;
            var words = WithoutOptions(line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3 || !Uri.TryCreate(words[1], UriKind.Absolute, out var uri))
                continue;
            yield return new AptSource(words[0], uri, words[2], words[3..]);
        }
    }

    internal static IEnumerable<AptSource> ParseDeb822(string text)
    {
        foreach (var stanza in ReadStanzas(text))
        {
            if (stanza.TryGetValue("Enabled", out var enabled) && enabled.Equals("no", StringComparison.OrdinalIgnoreCase))
                continue;
            var types = Words(stanza, "Types");
            var uris = Words(stanza, "URIs");
            var suites = Words(stanza, "Suites");
            var components = Words(stanza, "Components");
            foreach (var type in types)
            foreach (var uriText in uris)
            foreach (var suite in suites)
                if (Uri.TryCreate(uriText, UriKind.Absolute, out var uri))
                    yield return new AptSource(type, uri, suite, components);
        }
    }

    private static List<Dictionary<string, string>> ReadStanzas(string text)
    {
        var stanzas = new List<Dictionary<string, string>>();
        var current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastField = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
                continue;
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0)
                    stanzas.Add(current);
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                lastField = null;
                continue;
            }
            if (char.IsWhiteSpace(line[0]) && lastField is not null)
            {
                current[lastField] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            lastField = line[..colon].Trim();
            current[lastField] = line[(colon + 1)..].Trim();
        }
        if (current.Count > 0)
            stanzas.Add(current);
        return stanzas;
    }

    private static string[] Words(Dictionary<string, string> stanza, string field) =>
        stanza.TryGetValue(field, out var value) ? value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).Trim();
    }

    /// <summary>Drops the <c>[arch=amd64 signed-by=…]</c> block of a one-line entry.</summary>
    private static string WithoutOptions(string line)
    {
        var open = line.IndexOf('[');
        var close = line.IndexOf(']');
        return open >= 0 && close > open ? line[..open] + line[(close + 1)..] : line;
    }
}
