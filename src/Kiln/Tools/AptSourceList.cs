namespace Kiln.Tools;

/// <summary>
/// Derives deb-src entries from a machine's configured apt sources (sources.list, sources.list.d/*.list in one-line
/// format, sources.list.d/*.sources in deb822 format), keeping each entry's options such as Signed-By, so that
/// source packages come from the same mirrors, with the same keys, as the machine's binary packages.
/// Nothing of the result is committed: mirror hosts stay on the machine.
/// </summary>
internal sealed record AptSourceList(IReadOnlyList<string> OneLineEntries, IReadOnlyList<string> Deb822Stanzas)
{
    public bool IsEmpty => OneLineEntries.Count == 0 && Deb822Stanzas.Count == 0;

    public static AptSourceList DeriveSourceEntries(string aptConfigurationDirectory)
    {
        var oneLine = new List<string>();
        var stanzas = new List<string>();
        var listFiles = new List<string>();
        var mainList = Path.Combine(aptConfigurationDirectory, "sources.list");
        if (File.Exists(mainList))
            listFiles.Add(mainList);
        var parts = Path.Combine(aptConfigurationDirectory, "sources.list.d");
        if (Directory.Exists(parts))
        {
            listFiles.AddRange(Directory.EnumerateFiles(parts, "*.list").Order(StringComparer.Ordinal));
            foreach (var file in Directory.EnumerateFiles(parts, "*.sources").Order(StringComparer.Ordinal))
                stanzas.AddRange(Deb822SourceStanzas(File.ReadAllText(file)));
        }

        foreach (var file in listFiles)
            oneLine.AddRange(OneLineSourceEntries(File.ReadAllLines(file)));
        return new AptSourceList(oneLine.Distinct().ToList(), stanzas.Distinct().ToList());
    }

    /// <summary>Writes the entries as the only sources of a private apt configuration.</summary>
    public void WriteTo(string sourcePartsDirectory)
    {
        Directory.CreateDirectory(sourcePartsDirectory);
        File.WriteAllText(Path.Combine(sourcePartsDirectory, "derived.list"), string.Join("\n", OneLineEntries) + "\n");
        File.WriteAllText(Path.Combine(sourcePartsDirectory, "derived.sources"), string.Join("\n\n", Deb822Stanzas) + "\n");
    }

    private static IEnumerable<string> OneLineSourceEntries(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0].Trim();
            if (line.StartsWith("deb-src ", StringComparison.Ordinal) || line.StartsWith("deb-src\t", StringComparison.Ordinal))
                yield return line;
            else if (line.StartsWith("deb ", StringComparison.Ordinal) || line.StartsWith("deb\t", StringComparison.Ordinal))
                yield return "deb-src" + line[3..];
        }
    }

    private static IEnumerable<string> Deb822SourceStanzas(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var paragraph in paragraphs)
        {
            var fields = paragraph.Split('\n').Where(l => !l.StartsWith('#') && l.Trim().Length > 0).ToList();
            var typesIndex = fields.FindIndex(l => l.StartsWith("Types:", StringComparison.OrdinalIgnoreCase));
            if (typesIndex < 0)
                continue;
            var types = fields[typesIndex]["Types:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var disabled = fields.Any(l => l.StartsWith("Enabled:", StringComparison.OrdinalIgnoreCase) && l["Enabled:".Length..].Trim() == "no");
            if (disabled || !types.Any(t => t is "deb" or "deb-src"))
                continue;
            fields[typesIndex] = "Types: deb-src";
            yield return string.Join("\n", fields);
        }
    }
}
