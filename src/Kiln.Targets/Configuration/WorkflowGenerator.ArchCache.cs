using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Configuration;

/// <summary>
/// The arch cache: each arch leg restores its entry, runs its targets, and saves the entry after a miss even when the
/// targets failed; the assembling job restores every arch's entry. The assembling job computes the keys itself, on the
/// same runner kind as the legs (validation enforces it), so it looks up exactly the entries they saved.
/// </summary>
internal static partial class WorkflowGenerator
{
    private const string ArchJobId = "arch";
    private const string CacheKeyStepId = "cache-key";
    private const string CacheStepId = "cache";
    private const string ArchTargetsStepId = "arch-targets";

    private static YamlMappingNode ArchCacheKeyStep(GitHubActionsAttribute workflow, string archArguments) => new()
    {
        { "name", "Compute the cache keys" },
        { "id", CacheKeyStepId },
        { "run", $"./build.sh {workflow.ArchCacheKeyTarget} {archArguments}" },
    };

    private static string ArchCacheKey(GitHubActionsAttribute workflow, string arch, string fingerprintOutput) =>
        ArchCacheKeyPrefix(workflow, arch) + $"${{{{ {fingerprintOutput} }}}}";

    /// <summary>What every key of one arch starts with, and no key of another arch (validation keeps arch names apart).</summary>
    private static string ArchCacheKeyPrefix(GitHubActionsAttribute workflow, string arch) => $"{workflow.ArchCacheName}-{arch}-";

    private static YamlNode ArchCachePaths(BuildModel model, string arch) =>
        Lines(model.ArchCachePaths.Select(path => path.Replace(GitHubActionsSettings.ArchPlaceholder, arch, StringComparison.Ordinal)).ToList());

    /// <summary>
    /// The exact key hits (<c>cache-hit</c> is <c>'true'</c> for it alone). An arch leg that misses restores instead the
    /// newest entry of its arch, whatever its inputs, by the restore-keys prefix <c>&lt;name&gt;-&lt;arch&gt;-</c>: the
    /// folders hold the build's own cache entries, each keyed and verified by the build itself, so parts whose inputs did
    /// not change (per-tool entries, sources) are reused and only what changed is built again. Such a restore is never a
    /// hit, so the targets run without the cache-hit parameter and the complete entry is saved under the exact key. The
    /// prefix ends with the arch and a dash, so no arch ever restores another's entry. The assembling job
    /// (<paramref name="failOnMiss"/>) takes only the entries the legs saved under the exact keys.
    /// </summary>
    private static YamlMappingNode RestoreArchCacheStep(GitHubActionsAttribute workflow, BuildModel model, string arch, string fingerprintOutput, bool failOnMiss)
    {
        var inputs = new YamlMappingNode
        {
            { "path", ArchCachePaths(model, arch) },
            { "key", ArchCacheKey(workflow, arch, fingerprintOutput) },
        };
        if (failOnMiss)
            inputs.Add("fail-on-cache-miss", "true");
        else
            inputs.Add("restore-keys", ArchCacheKeyPrefix(workflow, arch));
        var step = new YamlMappingNode { { "name", $"Restore the {workflow.ArchCacheName} cache of {arch}" } };
        if (!failOnMiss)
            step.Add("id", CacheStepId);
        step.Add("uses", PinnedActions.CacheRestore.Reference);
        step.Add("with", inputs);
        return step;
    }

    /// <summary>
    /// Saves after a miss whatever the targets' outcome, so work they finished survives a later failure. What a failed
    /// run leaves is saved under the key plus <c>-partial-&lt;run id&gt;</c>: GitHub restores it for the same key by
    /// prefix (never as an exact hit), so the next run resumes from it and still saves the complete entry under the key.
    /// </summary>
    private static YamlMappingNode SaveArchCacheStep(GitHubActionsAttribute workflow, BuildModel model) => new()
    {
        { "name", $"Save the {workflow.ArchCacheName} cache" },
        { "if", $"always() && steps.{CacheStepId}.outputs.cache-hit != 'true'" },
        { "uses", PinnedActions.CacheSave.Reference },
        {
            "with", new YamlMappingNode
            {
                { "path", ArchCachePaths(model, ArchExpression) },
                {
                    "key", ArchCacheKey(workflow, ArchExpression, $"steps.{CacheKeyStepId}.outputs.fingerprint")
                           + $"${{{{ steps.{ArchTargetsStepId}.outcome != 'success' && format('-partial-{{0}}', github.run_id) || '' }}}}"
                },
            }
        },
    };

    /// <summary>The assembling job's keys and restores: every arch's entry, which must exist since its leg succeeded.</summary>
    private static IEnumerable<YamlMappingNode> RestoreEveryArchCacheSteps(GitHubActionsAttribute workflow, BuildModel model, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        yield return ArchCacheKeyStep(workflow, $"--arch {string.Join(' ', matrix.Select(entry => entry.Arch))}");
        foreach (var entry in matrix)
            yield return RestoreArchCacheStep(workflow, model, entry.Arch, $"steps.{CacheKeyStepId}.outputs.fingerprint-{entry.Arch}", failOnMiss: true);
    }

    /// <summary>The switch passed when the entries were restored, with a leading space; empty without an <see cref="GitHubActionsAttribute.ArchCacheHitParameter"/>.</summary>
    private static string CacheHitSwitch(GitHubActionsAttribute workflow, BuildModel model) =>
        workflow.ArchCacheHitParameter is { } name
            ? " --" + model.Parameters.Single(parameter => parameter.Name == name).CommandLineName
            : "";

    /// <summary>One item as a plain scalar, several as a literal block, one per line.</summary>
    private static YamlScalarNode Lines(IReadOnlyList<string> items) =>
        items.Count == 1 ? new YamlScalarNode(items[0]) : Literal(string.Join("\n", items) + "\n");

    private static void ValidateArchJobs(GitHubActionsAttribute workflow, BuildModel model, Func<string, string> at)
    {
        if (workflow.PublishRelease && workflow.Matrix.Length > 0 && workflow.ArchTargets.Length == 0)
            throw new InvalidBuildConfigurationException(
                $"{at("PublishRelease")} with a Matrix needs ArchTargets: a release must come from the one job that builds every arch.");
        if (workflow.ArchTargets.Length > 0 && workflow.Matrix.Length == 0)
            throw new InvalidBuildConfigurationException($"{at("ArchTargets")} needs a Matrix: they run once per arch.");
        foreach (var target in workflow.ArchTargets.Append(workflow.ArchCacheKeyTarget).OfType<string>()
                     .Where(target => model.Targets.All(known => known.Name != target)))
            throw new InvalidBuildConfigurationException(
                $"{at(workflow.ArchTargets.Contains(target) ? "ArchTargets" : "ArchCacheKeyTarget")} names \"{target}\", which is not a target of the build.");

        if (workflow.ArchCacheKeyTarget is null)
        {
            if (workflow.ArchCacheName is not null || workflow.ArchCacheHitParameter is not null)
                throw new InvalidBuildConfigurationException(
                    $"{at("ArchCacheKeyTarget")} is not set, so ArchCacheName and ArchCacheHitParameter would do nothing.");
            return;
        }
        if (workflow.ArchTargets.Length == 0)
            throw new InvalidBuildConfigurationException($"{at("ArchCacheKeyTarget")} needs ArchTargets: the cache is around them.");
        if (workflow.ArchCacheName is null || !SafeName().IsMatch(workflow.ArchCacheName))
            throw new InvalidBuildConfigurationException(
                $"{at("ArchCacheName")} is \"{workflow.ArchCacheName}\"; it must be letters, digits, '.', '_' or '-': it starts every cache key.");
        if (model.ArchCachePaths.Count == 0)
            throw new InvalidBuildConfigurationException(
                $"{at("ArchCacheKeyTarget")} needs the build's {nameof(KilnBuild.WorkflowSettings)}.{nameof(GitHubActionsSettings.ArchCachePaths)}: the cache would hold nothing.");
        if (workflow.ArchCacheHitParameter is { } hit
            && !model.Parameters.Any(parameter => parameter.Name == hit && parameter.Kind == ParameterKind.Boolean))
            throw new InvalidBuildConfigurationException($"{at("ArchCacheHitParameter")} \"{hit}\" is not a boolean parameter of the build.");
        // An arch leg restores by the prefix <name>-<arch>-, which must not also start another arch's keys.
        var arches = WorkflowMatrixEntry.Parse(workflow).Select(entry => entry.Arch).ToList();
        foreach (var (arch, other) in arches.SelectMany(arch => arches.Where(other => other.StartsWith(arch + "-", StringComparison.Ordinal)).Select(other => (arch, other))))
            throw new InvalidBuildConfigurationException(
                $"{at("Matrix")} has the arches \"{arch}\" and \"{other}\": the cache keys of {other} start with {arch}'s prefix "
                + $"\"{ArchCacheKeyPrefix(workflow, arch)}\", so a miss of {arch} could restore {other}'s entry; name the arches so that neither is the other's start plus '-'.");
        // The assembling job computes every key on RunsOn; a leg on another runner kind could key its entry differently
        // (the builder's host arch is an input), and the assembling job would look for an entry no leg saved.
        foreach (var entry in WorkflowMatrixEntry.Parse(workflow).Where(entry => entry.Runner != workflow.RunsOn))
            throw new InvalidBuildConfigurationException(
                $"{at("Matrix")} runs {entry.Arch} on \"{entry.Runner}\", but the job that restores every arch's cache entry runs on "
                + $"RunsOn \"{workflow.RunsOn}\": with ArchCacheKeyTarget every arch must build on RunsOn, so both compute the same keys.");
    }
}
