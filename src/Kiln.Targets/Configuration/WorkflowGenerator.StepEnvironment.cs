using Kiln.Targets.Parameters;

namespace Kiln.Targets.Configuration;

/// <summary>
/// The environment of the steps that run targets: the build's <see cref="GitHubActionsSettings.StepEnvironment"/>, each
/// variable named after a parameter through the engine's naming, so a CI description cannot outlive its parameter.
/// </summary>
internal static partial class WorkflowGenerator
{
    /// <summary>
    /// A trusted run is a push to the default branch, or of a release tag when the workflow publishes releases (its build
    /// signs the release). The event is tested as well as the ref, so trust never rests on a pull request's ref happening
    /// not to look like a branch or a tag; another branch and a manual run are untrusted.
    /// </summary>
    private static string TrustedRunCondition(GitHubActionsAttribute workflow)
    {
        const string push = "github.event_name == 'push'";
        const string defaultBranch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
        return workflow.PublishRelease ? $"{push} && ({defaultBranch} || {ReleaseTagCondition(workflow)})" : $"{push} && {defaultBranch}";
    }

    private static string VariableName(GitHubActionsStepVariable variable, BuildModel model) =>
        ParameterNames.EnvironmentVariable(model.ParameterPrefix, variable.Parameter) + variable.Suffix;

    private static IEnumerable<(string Name, string Value)> SettingsEnvironment(GitHubActionsAttribute workflow, BuildModel model) =>
        model.StepEnvironment.Select(variable =>
        {
            var name = VariableName(variable, model);
            return (name, VariableValue(workflow, variable, name));
        });

    private static string VariableValue(GitHubActionsAttribute workflow, GitHubActionsStepVariable variable, string name)
    {
        var trusted = TrustedRunCondition(workflow);
        var value = variable.Value switch
        {
            GitHubActionsStepValue.RepositoryVariable => $"vars.{name}",
            GitHubActionsStepValue.Secret => $"secrets.{name}",
            _ => $"{trusted} && {Quoted(variable.TrustedText!)} || {Quoted(variable.UntrustedText!)}",
        };
        return variable.TrustedOnly ? $"${{{{ {trusted} && {value} || '' }}}}" : $"${{{{ {value} }}}}";
    }

    private static string Quoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>Every problem of the step environment, so one run names every fix.</summary>
    private static IEnumerable<string> StepEnvironmentErrors(GitHubActionsAttribute workflow, BuildModel model, Func<string, string> at)
    {
        var property = at($"step environment ({nameof(KilnBuild)}.{nameof(KilnBuild.WorkflowSettings)}.{nameof(GitHubActionsSettings.StepEnvironment)})");
        var names = new List<string>();
        foreach (var variable in model.StepEnvironment)
        {
            var name = VariableName(variable, model);
            if (variable.NamedAfterParameter && model.Parameters.All(parameter => parameter.Name != variable.Parameter))
            {
                yield return $"{property} names {name} after the parameter \"{variable.Parameter}\", which the build does not have: "
                    + "a renamed or removed parameter must be renamed or removed in the CI description too.";
                continue;
            }
            if (!IsSettingName(name))
                yield return $"{property} entry {name} is no GitHub variable or secret name: letters, digits and '_', "
                    + "starting with no digit and not with GITHUB_.";
            if (variable.Value == GitHubActionsStepValue.ByTrust && variable.TrustedText!.Length == 0)
                yield return $"{property} entry {name} gives trusted runs an empty value, which an expression cannot tell from false.";
            if (names.Contains(name))
                yield return $"{property} sets {name} twice.";
            names.Add(name);
        }
        foreach (var secret in workflow.ImportSecrets.Where(names.Contains).Distinct())
            yield return $"{at(nameof(GitHubActionsAttribute.ImportSecrets))} entry \"{secret}\" is a variable the step environment sets.";
        foreach (var error in WriteCredentialErrors(workflow, model, property))
            yield return error;
    }

    /// <summary>
    /// A write credential in a step a pull request's run reaches would let the pull request's code, which its author
    /// controls, write what later runs trust (a cache entry, a signature); the client's read-only mode is code that
    /// pull request can edit. Each such step is named with the credential.
    /// </summary>
    private static IEnumerable<string> WriteCredentialErrors(GitHubActionsAttribute workflow, BuildModel model, string property)
    {
        if (!RunsOnPullRequests(workflow))
            yield break;
        foreach (var variable in model.StepEnvironment.Where(variable => variable.WriteCredential && !variable.TrustedOnly))
            foreach (var (job, step) in StepEnvironmentSteps(workflow, model))
                yield return $"{property}: step \"{step}\" of job \"{job}\" runs for pull requests and would get the write credential "
                    + $"{VariableName(variable, model)}; give it to trusted runs only ({nameof(GitHubActionsStepVariable)}.{nameof(GitHubActionsStepVariable.AsWriteCredential)}).";
    }

    /// <summary>The steps that get the step environment, by job id: those that run the build's targets.</summary>
    private static IEnumerable<(string Job, string Step)> StepEnvironmentSteps(GitHubActionsAttribute workflow, BuildModel model)
    {
        if (workflow.ArchTargets.Length > 0)
            yield return (ArchJobId, RunTargetsStepName(workflow.ArchTargets));
        yield return (BuildJobId, RunTargetsStepName(InvokedTargets(workflow, model)));
    }

    /// <summary>GitHub's rule for the names of repository variables and secrets.</summary>
    private static bool IsSettingName(string name) =>
        EnvironmentVariableName().IsMatch(name) && !name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase);
}
