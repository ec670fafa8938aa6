namespace Kiln.Tools.Sources;

/// <summary>The files a Debian source control file (.dsc) lists with their SHA-256, from its Checksums-Sha256 field.</summary>
internal sealed record DscFile(string Path, IReadOnlyList<(string Name, string Sha256, long Size)> Files)
{
    public static DscFile Read(string path)
    {
        var files = new List<(string, string, long)>();
        var inChecksums = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("Checksums-Sha256:", StringComparison.Ordinal))
            {
                inChecksums = true;
                continue;
            }

            if (!inChecksums)
                continue;
            if (!line.StartsWith(' '))
                break;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3)
                files.Add((parts[2], parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (files.Count == 0)
            throw new InvalidDataException($"{path}: no Checksums-Sha256 field listing the source files");
        return new DscFile(path, files);
    }
}
