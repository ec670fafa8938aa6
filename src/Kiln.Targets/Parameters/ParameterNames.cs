using System.Text;

namespace Kiln.Targets.Parameters;

/// <summary>How a parameter's name is spelled on the command line, in the environment and in parameters.json.</summary>
internal static class ParameterNames
{
    public static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The variable a CI description sets for a parameter: <c>KILN_TOOLS_CACHE_DIR</c>, or <c>TOOLS_CACHE_DIR</c> without a prefix.</summary>
    public static string EnvironmentVariable(string? prefix, string name)
    {
        var bare = ToKebabCase(name).Replace('-', '_').ToUpperInvariant();
        return prefix is null ? bare : $"{prefix.ToUpperInvariant()}_{bare}";
    }

    /// <summary>Case and separators do not matter: <c>TOOLS_CACHE_DIR</c>, <c>tools-cache-dir</c> and <c>ToolsCacheDir</c> are one name.</summary>
    public static string Normalize(string name) =>
        new(name.Where(c => c is not ('_' or '-' or '.')).Select(char.ToLowerInvariant).ToArray());
}
