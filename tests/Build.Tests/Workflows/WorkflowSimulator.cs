using System.Diagnostics;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>
/// Runs a generated workflow on this machine, as a push of <see cref="RunContext.GitRef"/> would run it on GitHub: jobs
/// in <c>needs</c> order, one leg per matrix entry, each in a fresh clone of <paramref name="repository"/>, <c>run:</c>
/// steps with bash as the runner calls it, <c>if:</c> and <c>${{ }}</c> evaluated, <c>GITHUB_OUTPUT</c> and
/// <c>GITHUB_ENV</c> honoured, each step's <c>GITHUB_STEP_SUMMARY</c> kept for the job's summary page, actions played by
/// <see cref="SimulatedActions"/>. This x86_64 host stands in for every runner.
/// </summary>
internal sealed class WorkflowSimulator(string workflowFile, string repository, string stateDirectory, IReadOnlyDictionary<string, string> environment)
{
    private static readonly string[] JobKeys = ["name", "needs", "if", "strategy", "runs-on", "timeout-minutes", "permissions", "steps", "outputs"];
    private static readonly string[] StepKeys = ["name", "id", "if", "uses", "with", "run", "env"];
    private static readonly string[] WorkflowKeys = ["name", "on", "permissions", "concurrency", "jobs"];

    public SimulatedActions Actions { get; } = new(stateDirectory);

    public RunRecord Run(RunContext context)
    {
        Directory.CreateDirectory(stateDirectory);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(workflowFile)));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Reject(root, WorkflowKeys, "the workflow");
        var jobs = (YamlMappingNode)root["jobs"];
        var workflowName = Scalar(root, "name") ?? Path.GetFileNameWithoutExtension(workflowFile);

        var run = new RunRecord(context.ReleaseDirectory);
        var finished = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        foreach (var id in NeedsOrder(jobs))
        {
            var job = (YamlMappingNode)jobs[id];
            Reject(job, JobKeys, $"job {id}");
            if (context.JobsTakenAsPassed?.Contains(id) == true)
            {
                var taken = new JobRecord(id, id) { Result = "success", TakenAsPassed = true };
                run.Jobs.Add(taken);
                finished[id] = taken;
                continue;
            }
            var needs = Needs(job).ToDictionary(need => need, need => finished[need], StringComparer.Ordinal);
            var legs = new List<JobRecord>();
            foreach (var matrix in MatrixLegs(job))
            {
                var leg = RunLeg(id, job, matrix, needs, workflowName, context);
                legs.Add(leg);
                run.Jobs.Add(leg);
            }
            var summary = new JobRecord(id, id)
            {
                Result = legs.Any(leg => leg.Result == "failure") ? "failure" : legs.All(leg => leg.Result == "skipped") ? "skipped" : "success",
            };
            // With a matrix, a job output is whatever the last leg to finish set.
            foreach (var (name, value) in legs.SelectMany(leg => leg.Outputs))
                summary.Outputs[name] = value;
            finished[id] = summary;
        }
        return run;
    }

    private JobRecord RunLeg(string id, YamlMappingNode job, IReadOnlyDictionary<string, string> matrix,
        IReadOnlyDictionary<string, JobRecord> needs, string workflowName, RunContext context)
    {
        var github = new Dictionary<string, string>
        {
            ["ref"] = context.GitRef,
            ["run_id"] = context.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["workflow"] = workflowName,
            ["event_name"] = "push",
            ["event.repository.default_branch"] = "main",
        };
        var runner = new Dictionary<string, string> { ["os"] = "Linux", ["arch"] = "X64" };
        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var records = steps.Select(step => new StepRecord(Scalar(step, "name") ?? Scalar(step, "run") ?? Scalar(step, "uses")!, Scalar(step, "id"))).ToList();
        var byId = records.Where(record => record.Id is not null).ToDictionary(record => record.Id!, StringComparer.Ordinal);
        ExpressionContext Context(bool failed) => new()
        {
            Matrix = matrix, GitHub = github, Runner = runner, Steps = byId, Needs = needs, Failed = failed,
        };

        var name = Scalar(job, "name") is { } display ? WorkflowExpression.Interpolate(display, Context(false)) : id;
        var record = new JobRecord(id, name);
        if (!WorkflowExpression.EvaluateCondition(Scalar(job, "if"), Context(needs.Values.Any(need => need.Result != "success"))))
        {
            record.Result = "skipped";
            return record;
        }

        var stopwatch = Stopwatch.StartNew();
        var workspace = Path.Combine(stateDirectory, "work", $"run-{context.RunId}", string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')));
        var clone = RepositoryCopy.Run("git", ["clone", "-q", repository, workspace], stateDirectory);
        if (clone.ExitCode != 0)
            throw new InvalidOperationException($"git clone of {repository} failed: {clone.All}");
        RepositoryCopy.ShareOutputs(repository, workspace);
        var jobEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var (step, stepRecord) in steps.Zip(records))
        {
            Reject(step, StepKeys, $"a step of job {name}");
            record.Steps.Add(stepRecord);
            var stepContext = Context(failed);
            if (!WorkflowExpression.EvaluateCondition(Scalar(step, "if"), stepContext))
            {
                stepRecord.Outcome = "skipped";
                continue;
            }
            try
            {
                if (Scalar(step, "run") is { } script)
                    RunScript(WorkflowExpression.Interpolate(script, stepContext), step, stepRecord, stepContext, workspace, github, jobEnvironment);
                else
                    Actions.Run(Scalar(step, "uses")!, With(step), text => WorkflowExpression.Interpolate(text, stepContext), workspace, stepRecord, context);
                stepRecord.Outcome = "success";
            }
            catch (StepFailedException e)
            {
                stepRecord.Log += e.Message + "\n";
                stepRecord.Outcome = "failure";
                failed = true;
            }
        }
        record.Result = failed ? "failure" : "success";
        record.Duration = stopwatch.Elapsed;
        if (job.Children.TryGetValue("outputs", out var outputs))
            foreach (var (key, value) in ((YamlMappingNode)outputs).Children)
                record.Outputs[((YamlScalarNode)key).Value!] = WorkflowExpression.Interpolate(((YamlScalarNode)value).Value!, Context(failed));
        return record;
    }

    private void RunScript(string script, YamlMappingNode step, StepRecord record, ExpressionContext context, string workspace,
        IReadOnlyDictionary<string, string> github, Dictionary<string, string> jobEnvironment)
    {
        record.Run = script;
        var files = Path.Combine(stateDirectory, "runner-files", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(files);
        var scriptFile = Path.Combine(files, "step.sh");
        File.WriteAllText(scriptFile, script + "\n");
        var outputFile = Path.Combine(files, "output");
        var environmentFile = Path.Combine(files, "env");
        var summaryFile = Path.Combine(files, "summary");
        var pathFile = Path.Combine(files, "path");
        foreach (var file in new[] { outputFile, environmentFile, summaryFile, pathFile })
            File.WriteAllText(file, "");

        var variables = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_REF"] = github["ref"],
            ["GITHUB_RUN_ID"] = github["run_id"],
            ["GITHUB_WORKFLOW"] = github["workflow"],
            ["GITHUB_EVENT_NAME"] = github["event_name"],
            ["GITHUB_OUTPUT"] = outputFile,
            ["GITHUB_ENV"] = environmentFile,
            ["GITHUB_STEP_SUMMARY"] = summaryFile,
            ["GITHUB_PATH"] = pathFile,
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["RUNNER_TEMP"] = files,
        };
        foreach (var (name, value) in jobEnvironment)
            variables[name] = value;
        if (step.Children.TryGetValue("env", out var stepEnvironment))
            foreach (var (key, value) in ((YamlMappingNode)stepEnvironment).Children)
                variables[((YamlScalarNode)key).Value!] = WorkflowExpression.Interpolate(((YamlScalarNode)value).Value!, context);

        // How the runner calls a run: step's default shell on Linux.
        var result = RepositoryCopy.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile], workspace, variables);
        record.Log += result.Output + result.Error;
        foreach (var (name, value) in ReadCommandFile(outputFile))
            record.Outputs[name] = value;
        foreach (var (name, value) in ReadCommandFile(environmentFile))
            jobEnvironment[name] = value;
        record.Summary = File.ReadAllText(summaryFile);
        if (File.ReadAllText(pathFile).Length > 0)
            throw new InvalidOperationException($"Step '{record.Name}' added to GITHUB_PATH, which the workflow simulation does not model.");
        if (result.ExitCode != 0)
            throw new StepFailedException($"Process completed with exit code {result.ExitCode}.");
    }

    /// <summary>GITHUB_OUTPUT and GITHUB_ENV: <c>name=value</c> lines, or <c>name&lt;&lt;DELIMITER</c> ... <c>DELIMITER</c>.</summary>
    private static IEnumerable<(string Name, string Value)> ReadCommandFile(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
                continue;
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var value = new StringBuilder();
                for (i++; lines[i] != delimiter; i++)
                    value.Append(value.Length > 0 ? "\n" : "").Append(lines[i]);
                yield return (line[..heredoc], value.ToString());
            }
            else if (equals > 0)
            {
                yield return (line[..equals], line[(equals + 1)..]);
            }
            else
            {
                throw new InvalidOperationException($"Unable to process file command in {path}: '{line}' is neither name=value nor name<<DELIMITER.");
            }
        }
    }

    private static Dictionary<string, string> With(YamlMappingNode step) =>
        step.Children.TryGetValue("with", out var with)
            ? ((YamlMappingNode)with).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!, StringComparer.Ordinal)
            : [];

    private static IReadOnlyList<string> Needs(YamlMappingNode job) =>
        !job.Children.TryGetValue("needs", out var needs) ? []
        : needs is YamlSequenceNode list ? list.Children.Select(item => ((YamlScalarNode)item).Value!).ToList()
        : [((YamlScalarNode)needs).Value!];

    /// <summary>The jobs with every job after the ones it needs; ties keep the file's order.</summary>
    private static IReadOnlyList<string> NeedsOrder(YamlMappingNode jobs)
    {
        var pending = jobs.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList();
        var order = new List<string>();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(id => Needs((YamlMappingNode)jobs[id]).All(order.Contains))
                ?? throw new InvalidOperationException($"The jobs {string.Join(", ", pending)} need each other or a job that does not exist.");
            order.Add(ready);
            pending.Remove(ready);
        }
        return order;
    }

    /// <summary>One leg per <c>strategy.matrix.include</c> entry, or one leg with an empty matrix.</summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, string>> MatrixLegs(YamlMappingNode job)
    {
        if (!job.Children.TryGetValue("strategy", out var strategy))
            return [new Dictionary<string, string>()];
        var matrix = (YamlMappingNode)((YamlMappingNode)strategy)["matrix"];
        Reject(matrix, ["include"], "a matrix");
        return ((YamlSequenceNode)matrix["include"]).Children.Cast<YamlMappingNode>()
            .Select(entry => (IReadOnlyDictionary<string, string>)entry.Children.ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!, StringComparer.Ordinal))
            .ToList();
    }

    private static void Reject(YamlMappingNode node, string[] known, string where)
    {
        foreach (var key in node.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).Where(key => !known.Contains(key)))
            throw new InvalidOperationException($"The workflow simulation does not model '{key}' in {where}.");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;
}
