namespace Kiln.Targets.Parameters;

/// <summary>Fills every parameter of a build from its value sources; all bad values are reported together.</summary>
internal static class ParameterBinder
{
    public static void Bind(object build, IReadOnlyList<ParameterDefinition> parameters, ParameterValueSource source, string rootDirectory)
    {
        var errors = new List<string>();
        foreach (var parameter in parameters)
        {
            if (source.Find(parameter) is not { } raw)
                continue;
            try
            {
                parameter.SetValue(build, ParameterConversion.Convert(raw.Values, parameter.Type, rootDirectory));
            }
            catch (FormatException e)
            {
                errors.Add($"Parameter '{parameter.Name}' (--{parameter.CommandLineName}) from {raw.Origin}: {e.Message}.");
            }
        }

        if (errors.Count > 0)
            throw new ParameterException(errors);
    }
}
