using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Configuration;

internal static partial class WorkflowGenerator
{
    private const string ArchExpression = "${{ matrix.arch }}";

    /// <summary>
    /// The job that runs the invoked targets: once per matrix leg, or, when the workflow has arch jobs, once for every
    /// arch after them, so one <c>dist/</c> holds all of them.
    /// </summary>
    private static YamlMappingNode BuildJob(GitHubActionsAttribute workflow, BuildModel model, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        var assembles = workflow.ArchTargets.Length > 0;
        var perLeg = matrix.Count > 0 && !assembles;
        var job = new YamlMappingNode();
        if (assembles)
            job.Add("needs", ArchJobId);
        if (perLeg)
            AddMatrix(job, $"{workflow.Name} ({ArchExpression})", matrix);
        else
            job.Add("runs-on", workflow.RunsOn);
        AddTimeout(job, workflow);

        var steps = SetupSteps(workflow);
        var arguments = perLeg ? $" --arch {ArchExpression}"
            : assembles ? $" --arch {string.Join(' ', matrix.Select(entry => entry.Arch))}"
            : "";
        if (assembles && workflow.ArchCacheKeyTarget is not null)
        {
            foreach (var step in RestoreEveryArchCacheSteps(workflow, model, matrix))
                steps.Add(step);
            arguments += CacheHitSwitch(workflow, model);
        }
        steps.Add(RunTargetsStep(InvokedTargets(workflow, model), arguments, id: null, StepEnvironment(workflow, model)));
        if (workflow.PublishArtifacts.Length > 0)
            steps.Add(UploadArtifactStep("Upload artifacts", condition: null, perLeg ? $"{workflow.Name}-{ArchExpression}" : workflow.Name,
                workflow.PublishArtifacts, ifNoFilesFound: "error"));
        job.Add("steps", steps);
        return job;
    }

    /// <summary>One leg per arch running the <see cref="GitHubActionsAttribute.ArchTargets"/>, with its cache entry around them.</summary>
    private static YamlMappingNode ArchJob(GitHubActionsAttribute workflow, BuildModel model, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        var job = new YamlMappingNode();
        AddMatrix(job, $"{string.Join(", ", workflow.ArchTargets)} ({ArchExpression})", matrix);
        AddTimeout(job, workflow);
        var steps = SetupSteps(workflow);
        if (workflow.ArchCacheKeyTarget is null)
        {
            steps.Add(RunTargetsStep(workflow.ArchTargets, $" --arch {ArchExpression}", ArchTargetsStepId, StepEnvironment(workflow, model)));
        }
        else
        {
            steps.Add(ArchCacheKeyStep(workflow, $"--arch {ArchExpression}"));
            steps.Add(RestoreArchCacheStep(workflow, model, ArchExpression, $"steps.{CacheKeyStepId}.outputs.fingerprint", failOnMiss: false));
            var hitSwitch = CacheHitSwitch(workflow, model);
            var arguments = $" --arch {ArchExpression}"
                + (hitSwitch.Length > 0 ? $"${{{{ steps.{CacheStepId}.outputs.cache-hit == 'true' && '{hitSwitch}' || '' }}}}" : "");
            steps.Add(RunTargetsStep(workflow.ArchTargets, arguments, ArchTargetsStepId, StepEnvironment(workflow, model)));
            steps.Add(SaveArchCacheStep(workflow, model));
        }
        job.Add("steps", steps);
        return job;
    }

    private static void AddMatrix(YamlMappingNode job, string name, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        job.Add("name", name);
        var include = new YamlSequenceNode(matrix.Select(entry => new YamlMappingNode
        {
            { "arch", entry.Arch },
            { "runner", entry.Runner },
        }));
        job.Add("strategy", new YamlMappingNode
        {
            // One arch failing must not cancel the other: both results matter for a multi-arch release.
            { "fail-fast", "false" },
            { "matrix", new YamlMappingNode { { "include", include } } },
        });
        job.Add("runs-on", "${{ matrix.runner }}");
    }

    private static void AddTimeout(YamlMappingNode job, GitHubActionsAttribute workflow)
    {
        if (workflow.TimeoutMinutes > 0)
            job.Add("timeout-minutes", workflow.TimeoutMinutes.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What every job that runs <c>./build.sh</c> does first.</summary>
    private static YamlSequenceNode SetupSteps(GitHubActionsAttribute workflow)
    {
        var steps = new YamlSequenceNode
        {
            new YamlMappingNode
            {
                { "name", "Check out" },
                { "uses", PinnedActions.Checkout.Reference },
                {
                    "with", new YamlMappingNode
                    {
                        { "fetch-depth", workflow.FetchDepth.ToString(CultureInfo.InvariantCulture) },
                        // The build never pushes: no token left in .git/config for build code to find.
                        { "persist-credentials", "false" },
                    }
                },
            },
            new YamlMappingNode
            {
                { "name", "Set up .NET" },
                { "uses", PinnedActions.SetupDotnet.Reference },
                { "with", new YamlMappingNode { { "global-json-file", "global.json" } } },
            },
        };
        if (workflow.CacheKeyFiles.Length > 0)
            steps.Add(NuGetCacheStep(workflow));
        return steps;
    }

    private static YamlMappingNode NuGetCacheStep(GitHubActionsAttribute workflow)
    {
        var keyFiles = string.Join(", ", workflow.CacheKeyFiles.Select(glob => $"'{glob.Replace("'", "''", StringComparison.Ordinal)}'"));
        return new YamlMappingNode
        {
            { "name", "Restore or save the NuGet cache" },
            { "uses", PinnedActions.Cache.Reference },
            {
                "with", new YamlMappingNode
                {
                    { "path", "~/.nuget/packages" },
                    { "key", $"nuget-${{{{ runner.os }}}}-${{{{ runner.arch }}}}-${{{{ hashFiles({keyFiles}) }}}}" },
                }
            },
        };
    }

    private static IReadOnlyList<string> InvokedTargets(GitHubActionsAttribute workflow, BuildModel model) =>
        workflow.InvokedTargets.Length > 0 ? workflow.InvokedTargets : [model.DefaultTarget!];

    private static YamlMappingNode RunTargetsStep(IReadOnlyList<string> targets, string arguments, string? id,
        IEnumerable<(string Name, string Value)> environment)
    {
        var step = new YamlMappingNode { { "name", RunTargetsStepName(targets) } };
        if (id is not null)
            step.Add("id", id);
        step.Add("run", $"./build.sh {string.Join(' ', targets)}{arguments}");
        var variables = new YamlMappingNode();
        foreach (var (name, value) in environment)
            variables.Add(name, value);
        if (variables.Children.Count > 0)
            step.Add("env", variables);
        return step;
    }

    private static string RunTargetsStepName(IReadOnlyList<string> targets) => $"Run {string.Join(", ", targets)}";

    /// <summary>
    /// What the targets read from the repository's settings: imported secrets and the build's step environment. Only the
    /// steps that run the build's targets get them; the key step reads no cache, the test step runs builds of its own, and
    /// no third-party action sees a token.
    /// </summary>
    private static IEnumerable<(string Name, string Value)> StepEnvironment(GitHubActionsAttribute workflow, BuildModel model) =>
        workflow.ImportSecrets.Distinct().Select(secret => (Name: secret, Value: SecretExpression(secret)))
            .Concat(SettingsEnvironment(workflow, model))
            .OrderBy(variable => variable.Name, StringComparer.Ordinal);

    private static YamlMappingNode UploadArtifactStep(string stepName, string? condition, string artifact, IReadOnlyList<string> paths,
        string ifNoFilesFound)
    {
        var step = new YamlMappingNode { { "name", stepName } };
        if (condition is not null)
            step.Add("if", condition);
        step.Add("uses", PinnedActions.UploadArtifact.Reference);
        step.Add("with", new YamlMappingNode
        {
            { "name", artifact },
            { "path", Lines(paths) },
            { "if-no-files-found", ifNoFilesFound },
        });
        return step;
    }

    /// <summary>
    /// Attaches the build job's artifact to the release; this job runs no build code, so it alone may write. It needs the
    /// test job too: a release whose tests failed is never published. With <see cref="GitHubActionsAttribute.AttestRelease"/>
    /// it first has GitHub attest the files' build provenance, which takes the run's OIDC token and writes the attestation:
    /// the only job granted either.
    /// </summary>
    private static YamlMappingNode ReleaseJob(GitHubActionsAttribute workflow)
    {
        var permissions = new YamlMappingNode { { "contents", "write" } };
        if (workflow.AttestRelease)
        {
            permissions.Add("id-token", "write");
            permissions.Add("attestations", "write");
        }
        var job = new YamlMappingNode
        {
            { "needs", workflow.TestTarget is null ? new YamlScalarNode(BuildJobId) : Sequence([BuildJobId, TestJobId]) },
            { "if", ReleaseTagCondition(workflow) },
            { "runs-on", workflow.RunsOn },
            { "permissions", permissions },
        };
        AddTimeout(job, workflow);
        var steps = new YamlSequenceNode
        {
            new YamlMappingNode
            {
                { "name", "Download the build's artifacts" },
                { "uses", PinnedActions.DownloadArtifact.Reference },
                { "with", new YamlMappingNode { { "name", workflow.Name }, { "path", ReleaseDirectory } } },
            },
        };
        if (workflow.AttestRelease)
            steps.Add(new YamlMappingNode
            {
                { "name", "Attest their build provenance" },
                { "uses", PinnedActions.AttestBuildProvenance.Reference },
                { "with", new YamlMappingNode { { "subject-path", $"{ReleaseDirectory}/*" } } },
            });
        steps.Add(new YamlMappingNode
        {
            { "name", "Attach them to the release" },
            { "uses", PinnedActions.GhRelease.Reference },
            { "with", new YamlMappingNode { { "files", $"{ReleaseDirectory}/*" }, { "fail_on_unmatched_files", "true" } } },
        });
        job.Add("steps", steps);
        return job;
    }

    /// <summary>The runs of a release: a pushed tag that starts with the prefix.</summary>
    private static string ReleaseTagCondition(GitHubActionsAttribute workflow) => $"startsWith(github.ref, 'refs/tags/{workflow.ReleaseTagPrefix}')";
}
