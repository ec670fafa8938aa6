using System.Text;

namespace Kiln.Docker;

/// <summary>Builds the <c>?a=1&amp;b=2</c> part of an Engine API path with every value escaped.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder text = new();

    internal QueryString Add(string name, string value)
    {
        text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    internal QueryString AddIfSet(string name, string? value) => value is null ? this : Add(name, value);

    internal QueryString AddIf(bool condition, string name, string value) => condition ? Add(name, value) : this;

    public override string ToString() => text.ToString();
}
