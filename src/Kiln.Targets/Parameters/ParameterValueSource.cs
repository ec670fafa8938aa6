using System.Text.Json;

namespace Kiln.Targets.Parameters;

/// <summary>A raw parameter value and where it came from, so an error can say which input to fix.</summary>
internal sealed record RawParameterValue(IReadOnlyList<string> Values, string Origin);

/// <summary>The places parameter values come from, in precedence order: arguments, environment, profile file, parameters.json.</summary>
internal sealed class ParameterValueSource
{
    private const string NukePrefix = "nuke";

    private readonly string? _projectPrefix;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyList<(string File, Dictionary<string, JsonElement> Values)> _files;

    public ParameterValueSource(
        IReadOnlyDictionary<string, IReadOnlyList<string>> arguments,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<string> parameterFiles,
        string? projectPrefix)
    {
        _projectPrefix = projectPrefix is null ? null : ParameterNames.Normalize(projectPrefix);
        _arguments = arguments.ToDictionary(p => ParameterNames.Normalize(p.Key), p => p.Value);
        // CI renders an unset value as an empty string (GitHub Actions' `${{ vars.X }}`), so an empty variable is not given;
        // the engine's own variable locates the checkout and is no parameter's value.
        _environment = environment
            .Where(variable => variable.Value.Length > 0 && variable.Key != RootDirectoryVariable.Name)
            .ToDictionary(variable => variable.Key, variable => variable.Value);
        _files = parameterFiles.Where(File.Exists).Select(file => (file, Read(file))).ToList();
    }

    public RawParameterValue? Find(ParameterDefinition parameter)
    {
        var key = ParameterNames.Normalize(parameter.Name);
        if (_arguments.TryGetValue(key, out var arguments))
            return new RawParameterValue(arguments, $"argument --{parameter.CommandLineName}");

        if (FindEnvironment(parameter.Name) is { } variable)
            return new RawParameterValue([_environment[variable]], $"environment variable {variable}");

        foreach (var (file, values) in _files)
        {
            var entry = values.FirstOrDefault(p => ParameterNames.Normalize(p.Key) == key);
            if (entry.Key is not null)
                return new RawParameterValue(FromJson(entry.Value), $"{Path.GetFileName(file)} field '{entry.Key}'");
        }

        return null;
    }

    /// <summary>
    /// The exact name first; then the build's own prefix (<see cref="KilnBuild.ParameterPrefix"/>, e.g.
    /// <c>KILN_REMOTE_CACHE</c>), which says the variable is meant for this build; then the bare and NUKE spellings (<c>REMOTE_CACHE</c>, <c>NUKE_REMOTE_CACHE</c>). Within a tier the
    /// ordinal first wins, so the choice never depends on the environment's order.
    /// </summary>
    private string? FindEnvironment(string name)
    {
        if (_environment.ContainsKey(name))
            return name;
        var key = ParameterNames.Normalize(name);
        return (_projectPrefix is null ? null : First(variable => variable == _projectPrefix + key)) ?? First(variable => variable == key || variable == NukePrefix + key);

        string? First(Func<string, bool> matches) => _environment.Keys
            .Where(variable => matches(ParameterNames.Normalize(variable)))
            .OrderBy(variable => variable, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static Dictionary<string, JsonElement> Read(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ParameterException([$"{file}: expected a JSON object of parameter values."]);
            return document.RootElement.EnumerateObject()
                .Where(p => !p.Name.StartsWith('$'))
                .ToDictionary(p => p.Name, p => p.Value.Clone());
        }
        catch (JsonException e)
        {
            throw new ParameterException([$"{file}: not valid JSON ({e.Message})."]);
        }
    }

    private static IReadOnlyList<string> FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Scalar).ToList(),
        _ => [Scalar(value)],
    };

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
