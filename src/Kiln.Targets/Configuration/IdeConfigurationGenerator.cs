namespace Kiln.Targets.Configuration;

/// <summary>
/// Run configurations for Rider and VS Code, one per listed target, so a target is one click away in the IDE.
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
            .Select(target => new GeneratedFile($"{RunConfigurationDirectory}/{target.Name}{RunConfigurationSuffix}", RiderRunConfiguration(target)))
            .ToList();
        files.Add(new GeneratedFile(TasksPath, VsCodeTasks(model, targets)));
        files.Add(new GeneratedFile(LaunchPath, VsCodeLaunch(model, targets)));
        return files;
    }

    private static IReadOnlyList<TargetModel> ListedTargets(BuildModel model) =>
        model.Targets.Where(target => target.Listed).OrderBy(target => target.Name, StringComparer.Ordinal).ToList();
}
