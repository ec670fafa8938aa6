namespace Kiln.Targets.Configuration;

/// <summary>One leg of a workflow's arch matrix: the target architecture and the runner that builds it.</summary>
internal sealed record WorkflowMatrixEntry(string Arch, string Runner)
{
    public static IReadOnlyList<WorkflowMatrixEntry> Parse(GitHubActionsAttribute workflow)
    {
        var entries = new List<WorkflowMatrixEntry>();
        foreach (var text in workflow.Matrix)
        {
            var parts = text.Split(':');
            if (parts.Length != 2 || parts.Any(part => part.Length == 0 || part.Any(char.IsWhiteSpace)))
                throw new InvalidBuildConfigurationException(
                    $"[GitHubActions(\"{workflow.Name}\")] Matrix entry \"{text}\" is not \"arch:runner\" (e.g. \"aarch64:ubuntu-24.04-arm\").");
            if (entries.Any(entry => entry.Arch == parts[0]))
                throw new InvalidBuildConfigurationException(
                    $"[GitHubActions(\"{workflow.Name}\")] Matrix lists arch \"{parts[0]}\" twice.");
            entries.Add(new WorkflowMatrixEntry(parts[0], parts[1]));
        }
        return entries;
    }
}
