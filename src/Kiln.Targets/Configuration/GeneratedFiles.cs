namespace Kiln.Targets.Configuration;

/// <summary>Every file generated from the build code: workflows, IDE run configurations and the parameters schema.</summary>
internal static partial class GeneratedFiles
{
    public static IReadOnlyList<GeneratedFile> From(BuildModel model)
    {
        var duplicate = model.Workflows.GroupBy(workflow => workflow.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidBuildConfigurationException(
                $"[GitHubActions(\"{duplicate.Key}\")] is declared {duplicate.Count()} times; each workflow needs its own name.");

        var files = model.Workflows
            .OrderBy(workflow => workflow.Name, StringComparer.Ordinal)
            .Select(workflow => new GeneratedFile(WorkflowGenerator.RelativePath(workflow), WorkflowGenerator.Generate(workflow, model)))
            .ToList();
        files.AddRange(IdeConfigurationGenerator.Generate(model));
        files.Add(BuildSchemaGenerator.Generate(model));
        return files;
    }
}
