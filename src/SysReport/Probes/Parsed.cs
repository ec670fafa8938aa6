namespace SysReport.Probes;

internal static class Parsed
{
    /// <summary>Runs a parser and names the source of the text when it does not parse.</summary>
    public static T From<T>(string source, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"unexpected content in {source}: {e.Message}", e);
        }
    }
}
