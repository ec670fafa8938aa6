namespace Kiln.Targets.Configuration;

/// <summary>
/// Run and debug configurations for Rider and VS Code for every listed target, so a target is one click away in the IDE.
/// Targets are sorted by name so the files do not churn when declarations move.
/// </summary>
internal static partial class IdeConfigurationGenerator
{
    public const string RunConfigurationDirectory = ".run";
    public const string RunConfigurationSuffix = ".run.xml";
    public const string TasksPath = ".vscode/tasks.json";
    public const string LaunchPath = ".vscode/launch.json";

    public static IReadOnlyList<GeneratedFile> Generate(BuildModel model)
    {
        var targets = ListedTargets(model);
        var files = targets
            .SelectMany(target => new[] { RiderShellConfiguration(target), RiderDotNetConfiguration(model, target) })
            .ToList();
        files.Add(new GeneratedFile(TasksPath, VsCodeTasks(model, targets)));
        files.Add(new GeneratedFile(LaunchPath, VsCodeLaunch(model, targets)));
        return files;
    }

    private static IReadOnlyList<TargetModel> ListedTargets(BuildModel model) =>
        model.Targets.Where(target => target.Listed).OrderBy(target => target.Name, StringComparer.Ordinal).ToList();
}
