using System.Text;

namespace Kiln.Targets.Foundation;

/// <summary>
/// GitHub Actions as the host a build runs on (NUKE's <c>GitHubActions</c> host class): how to tell it is there,
/// its workflow commands (<c>::group::</c>, <c>::error</c>) with the runner's escaping, the files that pass
/// values to later steps (<c>GITHUB_OUTPUT</c>, <c>GITHUB_ENV</c>), and the job's summary page
/// (<c>GITHUB_STEP_SUMMARY</c>, Markdown). The workflow files themselves are generated elsewhere; this is what a running
/// build knows about its host.
/// </summary>
public sealed class GitHubActions
{
    private readonly IReadOnlyDictionary<string, string> _environment;

    private GitHubActions(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    /// <summary>The host, when <paramref name="environment"/> is a GitHub Actions runner's (<c>GITHUB_ACTIONS=true</c>); otherwise null.</summary>
    public static GitHubActions? Detect(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") == "true" ? new GitHubActions(environment) : null;

    /// <summary>The host from the process environment, or null when the build does not run under GitHub Actions.</summary>
    public static GitHubActions? FromProcess() =>
        Detect(System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(variable => (string)variable.Key, variable => (string?)variable.Value ?? ""));

    /// <summary>
    /// Whether any CI runs the build: GitHub Actions and the other common services set <c>CI</c>; an empty value or
    /// <c>false</c> (how people switch it off locally) means not.
    /// </summary>
    public static bool IsContinuousIntegration(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("CI") is { Length: > 0 } value && !value.Equals("false", StringComparison.OrdinalIgnoreCase);

    public static string StartGroup(string title) => $"::group::{EscapeData(title)}";

    public const string EndGroup = "::endgroup::";

    /// <summary>An error annotation; the whole message survives, its line breaks escaped as the runner expects.</summary>
    public static string Error(string title, string message) => $"::error title={EscapeProperty(title)}::{EscapeData(message)}";

    /// <summary>Makes <c>steps.&lt;id&gt;.outputs.&lt;name&gt;</c> available to later steps.</summary>
    public void SetOutput(string name, string value) => AppendTo("GITHUB_OUTPUT", name, value);

    /// <summary>Sets an environment variable for every later step of the job.</summary>
    public void SetEnvironmentVariable(string name, string value) => AppendTo("GITHUB_ENV", name, value);

    /// <summary>
    /// Adds a Markdown section to the summary page of the job (<c>GITHUB_STEP_SUMMARY</c>), after whatever earlier steps
    /// and builds wrote; nothing when the runner gave no summary file. Text from elsewhere goes through
    /// <see cref="EscapeMarkdown"/> first.
    /// </summary>
    public void AppendToStepSummary(string markdown)
    {
        // A blank line after each section, so the next one starts a block of its own instead of continuing a table.
        if (_environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } file)
            File.AppendAllText(file, markdown.TrimEnd('\n') + "\n\n", new UTF8Encoding(false));
    }

    /// <summary>
    /// Text that shows as itself on a summary page, also inside a table cell: the characters that Markdown or HTML would
    /// read as markup or as a cell's end are backslash-escaped, and a line break becomes <c>&lt;br&gt;</c>, since a
    /// newline would end the table row or the list item.
    /// </summary>
    public static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var character in text.ReplaceLineEndings("\n"))
        {
            if (character == '\n')
            {
                escaped.Append("<br>");
                continue;
            }
            if (MarkdownSyntax.Contains(character))
                escaped.Append('\\');
            escaped.Append(character);
        }
        return escaped.ToString();
    }

    private const string MarkdownSyntax = "\\`*_[]<>&|#~";

    /// <summary>Escapes a command's message: <c>%</c>, CR and LF.</summary>
    internal static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a command property's value: what <see cref="EscapeData"/> escapes, and <c>:</c> and <c>,</c>, which end a property.</summary>
    internal static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    private void AppendTo(string fileVariable, string name, string value)
    {
        if (name.Contains('=') || name.Contains('\n') || value.Contains('\n'))
            throw new ArgumentException($"'{name}' = '{value}' cannot be written as one name=value line to {fileVariable}");
        if (_environment.GetValueOrDefault(fileVariable) is { Length: > 0 } file)
            File.AppendAllText(file, $"{name}={value}\n", new UTF8Encoding(false));
    }
}
