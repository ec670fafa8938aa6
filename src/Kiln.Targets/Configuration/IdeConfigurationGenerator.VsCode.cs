namespace Kiln.Targets.Configuration;

internal static partial class IdeConfigurationGenerator
{
    private const string CompileBuildProjectTask = "Compile the build project";

    private static string VsCodeTasks(BuildModel model, IReadOnlyList<TargetModel> targets) => GeneratedJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("version", "2.0.0");
        json.WriteStartArray("tasks");
        foreach (var target in targets)
        {
            json.WriteStartObject();
            json.WriteString("label", target.Name);
            if (target.Description is { Length: > 0 } description)
                json.WriteString("detail", description);
            json.WriteString("type", "shell");
            json.WriteString("command", $"./build.sh {target.Name}");
            json.WriteStartObject("options");
            json.WriteString("cwd", "${workspaceFolder}");
            json.WriteEndObject();
            json.WriteStartArray("problemMatcher");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteStartObject();
        json.WriteString("label", CompileBuildProjectTask);
        json.WriteString("type", "process");
        json.WriteString("command", "dotnet");
        json.WriteStartArray("args");
        json.WriteStringValue("build");
        json.WriteStringValue($"${{workspaceFolder}}/{model.BuildProjectFile}");
        json.WriteEndArray();
        json.WriteString("problemMatcher", "$msCompile");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>One debug configuration for the build project; the target is picked from the listed ones when it starts.</summary>
    private static string VsCodeLaunch(BuildModel model, IReadOnlyList<TargetModel> targets) => GeneratedJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("version", "0.2.0");
        json.WriteStartArray("configurations");
        json.WriteStartObject();
        json.WriteString("name", "Debug a build target");
        json.WriteString("type", "coreclr");
        json.WriteString("request", "launch");
        json.WriteString("preLaunchTask", CompileBuildProjectTask);
        json.WriteString("program", $"${{workspaceFolder}}/{model.BuildAssemblyFile}");
        json.WriteStartArray("args");
        json.WriteStringValue("${input:target}");
        json.WriteEndArray();
        json.WriteString("cwd", "${workspaceFolder}");
        json.WriteString("console", "integratedTerminal");
        json.WriteBoolean("stopAtEntry", false);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("inputs");
        json.WriteStartObject();
        json.WriteString("id", "target");
        json.WriteString("type", "pickString");
        json.WriteString("description", "Target to run");
        json.WriteStartArray("options");
        foreach (var target in targets)
            json.WriteStringValue(target.Name);
        json.WriteEndArray();
        var defaultTarget = targets.FirstOrDefault(target => target.Name == model.DefaultTarget) ?? targets.FirstOrDefault();
        if (defaultTarget is not null)
            json.WriteString("default", defaultTarget.Name);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });
}
