using System.Globalization;

namespace SysReport.Parsing;

/// <summary>Parses the settings printed by <c>ethtool IFACE</c>.</summary>
internal static class EthtoolParser
{
    public static LinkSettings Parse(string text)
    {
        if (!text.Contains("Settings for ", StringComparison.Ordinal))
            throw new FormatException("no \"Settings for\" header");

        long? speed = null;
        string? duplex = null, port = null;
        bool? link = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var value = line[(colon + 1)..].Trim();
            switch (line[..colon].Trim())
            {
                case "Speed" when value.EndsWith("Mb/s", StringComparison.Ordinal):
                    speed = long.TryParse(value[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var mbps) ? mbps : null;
                    break;
                case "Duplex" when !value.StartsWith("Unknown", StringComparison.Ordinal):
                    duplex = value;
                    break;
                case "Port":
                    port = value;
                    break;
                case "Link detected":
                    link = value == "yes";
                    break;
            }
        }

        return new LinkSettings(speed, duplex, link, port);
    }
}
