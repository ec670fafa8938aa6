using System.Text;

namespace SysReport.Parsing;

/// <summary>Parses <c>lspci -mm</c>: a slot, then quoted class, vendor and device, then options and subsystem fields.</summary>
internal static class LspciParser
{
    public static IReadOnlyList<PciDevice> Parse(string text)
    {
        var devices = new List<PciDevice>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = Fields(line);
            if (fields.Count < 4)
                throw new FormatException($"expected a slot and three quoted fields in \"{line}\"");
            devices.Add(new PciDevice(fields[0], fields[1], fields[2], fields[3]));
        }

        return devices;
    }

    // Options such as -r01 or -p00 are unquoted and may sit between the quoted fields; they are skipped.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var position = 0;
        while (position < line.Length)
        {
            if (line[position] == ' ')
            {
                position++;
            }
            else if (line[position] == '"')
            {
                var field = new StringBuilder();
                position++;
                while (position < line.Length && line[position] != '"')
                {
                    if (line[position] == '\\' && position + 1 < line.Length)
                        position++;
                    field.Append(line[position++]);
                }

                fields.Add(field.ToString());
                position++;
            }
            else
            {
                var end = line.IndexOf(' ', position);
                end = end < 0 ? line.Length : end;
                if (fields.Count == 0)
                    fields.Add(line[position..end]);
                position = end;
            }
        }

        return fields;
    }
}
