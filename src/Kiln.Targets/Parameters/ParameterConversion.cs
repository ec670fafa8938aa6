using System.Globalization;
using Kiln.Targets.Foundation;

namespace Kiln.Targets.Parameters;

/// <summary>Raw text to the parameter's type: string, bool, int, enum, AbsolutePath, and arrays of those.</summary>
internal static class ParameterConversion
{
    public static object? Convert(IReadOnlyList<string> raw, Type type, string rootDirectory)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
        {
            var elementType = underlying.GetElementType()!;
            var items = raw.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(ConvertScalar(items[i], elementType, rootDirectory), i);
            return array;
        }

        if (raw.Count > 1)
            throw new FormatException($"expected one value, got {raw.Count} ({string.Join(" ", raw)})");
        return ConvertScalar(raw.Count == 0 ? "" : raw[0], underlying, rootDirectory);
    }

    public static IReadOnlyList<string> AllowedValues(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
            underlying = underlying.GetElementType()!;
        if (underlying.IsEnum)
            return Enum.GetNames(underlying).Select(ParameterNames.ToKebabCase).ToList();
        return underlying == typeof(bool) ? ["true", "false"] : [];
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        Enum member => ParameterNames.ToKebabCase(member.ToString()),
        Array array => string.Join(",", array.Cast<object?>().Select(Format)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object ConvertScalar(string text, Type type, string rootDirectory)
    {
        if (type == typeof(string))
            return text;
        if (type == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "" or "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw new FormatException($"'{text}' is not a boolean; allowed: true, false"),
            };
        }

        if (type == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"'{text}' is not a whole number");
        }

        if (type == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"'{text}' is not a whole number");
        }

        if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(name =>
                ParameterNames.Normalize(name) == ParameterNames.Normalize(text));
            return match is not null
                ? Enum.Parse(type, match)
                : throw new FormatException($"'{text}' is not valid; allowed: {string.Join(", ", AllowedValues(type))}");
        }

        if (type == typeof(AbsolutePath))
        {
            if (text.Length == 0)
                throw new FormatException("a path is required");
            return new AbsolutePath(Path.GetFullPath(text, rootDirectory));
        }

        throw new FormatException($"parameters of type {type.Name} are not supported");
    }
}
