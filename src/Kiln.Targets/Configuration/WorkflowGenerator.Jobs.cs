using YamlDotNet.RepresentationModel;

namespace Kiln.Targets.Configuration;

internal static partial class WorkflowGenerator
{
    private const string ArchExpression = "${{ matrix.arch }}";
    private const string ToolsFingerprintStepId = "tools-fingerprint";
    private const string ToolsCacheStepId = "tools-cache";

    private static YamlMappingNode BuildJob(GitHubActionsAttribute workflow, BuildModel model, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        var job = new YamlMappingNode();
        if (matrix.Count > 0)
        {
            job.Add("name", $"{workflow.Name} ({ArchExpression})");
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
        else
        {
            job.Add("runs-on", workflow.RunsOn);
        }
        if (workflow.TimeoutMinutes > 0)
            job.Add("timeout-minutes", workflow.TimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var steps = new YamlSequenceNode
        {
            new YamlMappingNode
            {
                { "name", "Check out" },
                { "uses", PinnedActions.Checkout.Reference },
                { "with", new YamlMappingNode { { "fetch-depth", workflow.FetchDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) } } },
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
        if (workflow.ToolsCache)
        {
            steps.Add(new YamlMappingNode
            {
                { "name", "Compute the tools fingerprint" },
                { "id", ToolsFingerprintStepId },
                { "run", $"./build.sh ToolsFingerprint --arch {ArchExpression}" },
            });
            steps.Add(new YamlMappingNode
            {
                { "name", "Restore or save the tools cache" },
                { "id", ToolsCacheStepId },
                { "uses", PinnedActions.Cache.Reference },
                {
                    // Exact key only, no restore-keys: a prefix match could hand one arch's tools to another.
                    "with", new YamlMappingNode
                    {
                        { "path", $"tools-cache/{ArchExpression}" },
                        { "key", $"tools-{ArchExpression}-${{{{ steps.{ToolsFingerprintStepId}.outputs.fingerprint }}}}" },
                    }
                },
            });
        }
        steps.Add(RunTargetsStep(workflow, model, matrix.Count > 0));
        if (workflow.PublishArtifacts.Length > 0)
            steps.Add(new YamlMappingNode
            {
                { "name", "Upload artifacts" },
                { "uses", PinnedActions.UploadArtifact.Reference },
                {
                    "with", new YamlMappingNode
                    {
                        { "name", matrix.Count > 0 ? $"{workflow.Name}-{ArchExpression}" : workflow.Name },
                        { "path", workflow.PublishArtifacts.Length == 1 ? new YamlScalarNode(workflow.PublishArtifacts[0]) : Literal(string.Join("\n", workflow.PublishArtifacts) + "\n") },
                        { "if-no-files-found", "error" },
                    }
                },
            });
        if (workflow.PublishRelease)
            steps.Add(KeepDistForReleaseStep(workflow, matrix));
        job.Add("steps", steps);
        return job;
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

    private static YamlMappingNode RunTargetsStep(GitHubActionsAttribute workflow, BuildModel model, bool hasMatrix)
    {
        var targets = workflow.InvokedTargets.Length > 0 ? workflow.InvokedTargets : [model.DefaultTarget!];
        var command = $"./build.sh {string.Join(' ', targets)}" + (hasMatrix ? $" --arch {ArchExpression}" : "");
        var step = new YamlMappingNode
        {
            { "name", $"Run {string.Join(", ", targets)}" },
            { "run", command },
        };
        var environment = new YamlMappingNode();
        if (workflow.ToolsCache)
            environment.Add("TOOLS_CACHE_HIT", $"${{{{ steps.{ToolsCacheStepId}.outputs.cache-hit }}}}");
        foreach (var secret in workflow.ImportSecrets.Distinct().Order(StringComparer.Ordinal))
            environment.Add(secret, $"${{{{ secrets.{secret} }}}}");
        if (environment.Children.Count > 0)
            step.Add("env", environment);
        return step;
    }

    /// <summary>
    /// Hands the release arch's <c>dist/</c> to the release job, so only that job, which runs no build code,
    /// needs a token that can write.
    /// </summary>
    private static YamlMappingNode KeepDistForReleaseStep(GitHubActionsAttribute workflow, IReadOnlyList<WorkflowMatrixEntry> matrix)
    {
        var step = new YamlMappingNode { { "name", "Keep dist/ for the release" } };
        if (matrix.Count > 0)
            step.Add("if", $"matrix.arch == '{workflow.ReleaseArch ?? matrix[0].Arch}'");
        step.Add("uses", PinnedActions.UploadArtifact.Reference);
        step.Add("with", new YamlMappingNode
        {
            { "name", ReleaseArtifactName },
            { "path", "dist/" },
            { "if-no-files-found", "error" },
            { "retention-days", "1" },
        });
        return step;
    }

    private static YamlMappingNode ReleaseJob(GitHubActionsAttribute workflow)
    {
        var job = new YamlMappingNode
        {
            { "needs", BuildJobId },
            { "if", "startsWith(github.ref, 'refs/tags/')" },
            { "runs-on", workflow.RunsOn },
            { "permissions", new YamlMappingNode { { "contents", "write" } } },
        };
        if (workflow.TimeoutMinutes > 0)
            job.Add("timeout-minutes", workflow.TimeoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        job.Add("steps", new YamlSequenceNode
        {
            new YamlMappingNode
            {
                { "name", "Download dist/" },
                { "uses", PinnedActions.DownloadArtifact.Reference },
                { "with", new YamlMappingNode { { "name", ReleaseArtifactName }, { "path", "dist" } } },
            },
            new YamlMappingNode
            {
                { "name", "Attach dist/* to the release" },
                { "uses", PinnedActions.GhRelease.Reference },
                { "with", new YamlMappingNode { { "files", "dist/*" }, { "fail_on_unmatched_files", "true" } } },
            },
        });
        return job;
    }
}
