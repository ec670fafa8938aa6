
namespace Kiln.Tools.Sources.Apt;

/// <summary>
/// Derives deb-src entries from a machine's configured apt sources as <see cref="AptSources"/> reads them (sources.list, sources.list.d/*.list in one-line
/// format, sources.list.d/*.sources in deb822 format), keeping each entry's options such as Signed-By, so that
/// source packages come from the same mirrors, with the same keys, as the machine's binary packages.
/// Nothing of the result is committed: mirror hosts stay on the machine.
/// </summary>
internal sealed record AptSourceList(IReadOnlyList<string> OneLineEntries, IReadOnlyList<string> Deb822Stanzas)
{
    public bool IsEmpty => OneLineEntries.Count == 0 && Deb822Stanzas.Count == 0;

    public static AptSourceList DeriveSourceEntries(string aptConfigurationDirectory)
    {
        var configured = AptSources.Read(aptConfigurationDirectory);
        var oneLine = configured.OneLineEntries
            .Select(line => IsEntryOfType(line, "deb-src") ? line : IsEntryOfType(line, "deb") ? "deb-src" + line[3..] : null)
            .OfType<string>();
        var stanzas = configured.Stanzas
            .Where(stanza => stanza.IsEnabled && stanza.Field("Types").Any(type => type is "deb" or "deb-src"))
            .Select(stanza => stanza.With("Types", "deb-src"));
        return new AptSourceList(oneLine.Distinct().ToList(), stanzas.Distinct().ToList());
    }

    /// <summary>Writes the entries as the only sources of a private apt configuration.</summary>
    public void WriteTo(string sourcePartsDirectory)
    {
        Directory.CreateDirectory(sourcePartsDirectory);
        File.WriteAllText(Path.Combine(sourcePartsDirectory, "derived.list"), string.Join("\n", OneLineEntries) + "\n");
        File.WriteAllText(Path.Combine(sourcePartsDirectory, "derived.sources"), string.Join("\n\n", Deb822Stanzas) + "\n");
    }

    private static bool IsEntryOfType(string line, string type) =>
        line.StartsWith(type + " ", StringComparison.Ordinal) || line.StartsWith(type + "\t", StringComparison.Ordinal);
}
