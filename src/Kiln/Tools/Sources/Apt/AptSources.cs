using Kiln.Targets.Foundation;

namespace Kiln.Tools.Sources.Apt;

/// <summary>
/// The machine's configured apt repositories, read from one-line <c>.list</c> files and deb822 <c>.sources</c> files.
/// Two uses: the mirror a base image is bootstrapped from, and the deb-src entries tool sources are fetched with;
/// both stay on the machine, so no mirror host is ever written into the repository.
/// </summary>
internal sealed class AptSources
{
    internal const string DefaultDirectory = "/etc/apt";

    private AptSources(IReadOnlyList<string> oneLineEntries, IReadOnlyList<AptStanza> stanzas, IReadOnlyList<string> filesRead)
    {
        OneLineEntries = oneLineEntries;
        Stanzas = stanzas;
        FilesRead = filesRead;
    }

    /// <summary>One-line entries as written, comments and blank lines dropped (<c>deb [signed-by=…] http://… bookworm main</c>).</summary>
    internal IReadOnlyList<string> OneLineEntries { get; }

    internal IReadOnlyList<AptStanza> Stanzas { get; }

    internal IReadOnlyList<string> FilesRead { get; }

    /// <summary>Every enabled repository of both formats, one entry per type, URI and suite.</summary>
    internal IEnumerable<AptSource> Entries => OneLineEntries.SelectMany(ParseOneLine).Concat(Stanzas.SelectMany(ParseStanza));

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
        var oneLine = new List<string>();
        var stanzas = new List<AptStanza>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".sources", StringComparison.Ordinal))
                stanzas.AddRange(AptStanza.Parse(text));
            else
                oneLine.AddRange(text.Split('\n').Select(line => line.Split('#', 2)[0].Trim()).Where(line => line.Length > 0));
        }
        return new AptSources(oneLine, stanzas, files);
    }

    /// <summary>The first binary-package mirror that serves <paramref name="suite"/> with the <c>main</c> component.</summary>
    internal Uri FindMirror(string suite) =>
        Entries.FirstOrDefault(entry => entry.Type == "deb" && entry.Suite == suite && entry.Components.Contains("main"))?.Uri
        ?? throw new BuildException(
            $"no apt source serves suite '{suite}' (component main) in {(FilesRead.Count == 0 ? "(no apt source files found)" : string.Join(", ", FilesRead))}; "
            + "add one, or make the base image available to the daemon");

    private static IEnumerable<AptSource> ParseOneLine(string line)
    {
        var words = WithoutOptions(line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 3 && Uri.TryCreate(words[1], UriKind.Absolute, out var uri))
            yield return new AptSource(words[0], uri, words[2], words[3..]);
    }

    private static IEnumerable<AptSource> ParseStanza(AptStanza stanza)
    {
        if (!stanza.IsEnabled)
            yield break;
        foreach (var type in stanza.Field("Types"))
        foreach (var uriText in stanza.Field("URIs"))
        foreach (var suite in stanza.Field("Suites"))
            if (Uri.TryCreate(uriText, UriKind.Absolute, out var uri))
                yield return new AptSource(type, uri, suite, stanza.Field("Components"));
    }

    /// <summary>Drops the <c>[arch=amd64 signed-by=…]</c> block of a one-line entry.</summary>
    private static string WithoutOptions(string line)
    {
        var open = line.IndexOf('[');
        var close = line.IndexOf(']');
        return open >= 0 && close > open ? line[..open] + line[(close + 1)..] : line;
    }
}
