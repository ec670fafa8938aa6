using Kiln.Targets.Parameters;

namespace Kiln.Targets.Configuration;

internal static partial class IdeConfigurationGenerator
{
    private const string CompileBuildProjectTask = "Compile the build project";

    /// <summary>
    /// Where the pre-launch task compiles the build project and the launch configuration starts it from: not build.sh's
    /// <c>.nuke/temp/build</c>, so a debug session and a ./build.sh run never overwrite each other's copy.
    /// </summary>
    private const string DebugBuildDirectory = "${workspaceFolder}/.nuke/temp/ide-build";

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
        json.WriteStringValue("--output");
        json.WriteStringValue(DebugBuildDirectory);
        json.WriteEndArray();
        // dotnet picks its SDK by the global.json above its working directory.
        json.WriteStartObject("options");
        json.WriteString("cwd", "${workspaceFolder}");
        json.WriteEndObject();
        json.WriteString("problemMatcher", "$msCompile");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>
    /// One debug configuration for the build project, started from the repository root as build.sh starts it; the target
    /// is picked from the listed ones when it starts.
    /// </summary>
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
        json.WriteString("program", $"{DebugBuildDirectory}/{BuildAssemblyFileName(model)}");
        json.WriteStartArray("args");
        json.WriteStringValue("${input:target}");
        json.WriteEndArray();
        json.WriteString("cwd", "${workspaceFolder}");
        // As build.sh does: an inherited value naming another checkout would otherwise win over the working directory.
        json.WriteStartObject("env");
        json.WriteString(RootDirectoryVariable.Name, "${workspaceFolder}");
        json.WriteEndObject();
        // Directory.Build.props maps the repository root to /_/ in every PDB (reproducible builds); without the way back,
        // breakpoints in the workspace's files would not bind.
        json.WriteStartObject("sourceFileMap");
        json.WriteString("/_/", "${workspaceFolder}/");
        json.WriteEndObject();
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

    /// <summary>The build project's assembly is named after its project file, as build.sh, which starts <c>_build.dll</c>, assumes too.</summary>
    private static string BuildAssemblyFileName(BuildModel model) => Path.GetFileNameWithoutExtension(model.BuildProjectFile) + ".dll";
}
