using System.Diagnostics;
using Kiln.Targets.Incremental;
using Kiln.Targets.Output;
using Kiln.Targets.Planning;
using Kiln.Targets.Results;

namespace Kiln.Targets.Execution;

/// <summary>
/// Runs a plan in order. A failure stops the build unless the target proceeds after failure; assured targets run
/// anyway; a target whose dependency failed does not run; Ctrl-C aborts the running target and runs nothing more.
/// A target that declares inputs and outputs runs only when they differ from its last successful run's.
/// </summary>
internal sealed class TargetRunner(BuildConsole console, TargetRecords records)
{
    public async Task<IReadOnlyList<TargetResult>> RunAsync(
        IReadOnlyDictionary<string, DiscoveredTarget> targets,
        ExecutionPlan plan,
        IReadOnlyDictionary<string, string> skipped,
        CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, TargetResult>();
        var buildFailed = false;
        foreach (var name in plan.Order)
        {
            var definition = targets[name].Definition;
            results[name] = await RunOneAsync(definition, plan, skipped, results, buildFailed, cancellationToken);
            buildFailed |= results[name].Status is TargetStatus.Failed && !definition.ProceedsAfterFailure;
            buildFailed |= results[name].Status is TargetStatus.Aborted;
        }

        return plan.Order.Select(n => results[n]).ToList();
    }

    private async Task<TargetResult> RunOneAsync(
        TargetDefinition definition,
        ExecutionPlan plan,
        IReadOnlyDictionary<string, string> skipped,
        IReadOnlyDictionary<string, TargetResult> results,
        bool buildFailed,
        CancellationToken cancellationToken)
    {
        var name = definition.Name;
        if (skipped.TryGetValue(name, out var skipReason))
            return Skip(name, skipReason);
        if (cancellationToken.IsCancellationRequested)
            return new TargetResult(name, TargetStatus.NotRun, TimeSpan.Zero, "build was cancelled");
        if (buildFailed && !definition.IsAssuredAfterFailure)
            return new TargetResult(name, TargetStatus.NotRun, TimeSpan.Zero, "an earlier target failed");

        var brokenDependency = plan.Needs[name].FirstOrDefault(d => results[d].Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted);
        if (brokenDependency is not null)
            return new TargetResult(name, TargetStatus.NotRun, TimeSpan.Zero, $"dependency {brokenDependency} {results[brokenDependency].Status.ToString().ToLowerInvariant()}");

        var context = new TargetContext(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var started = false;
        TargetResult result;
        try
        {
            // A condition that throws fails its target like an action would: the build still ends with its summary.
            var unmet = await TargetCondition.FirstUnmetAsync(definition.DynamicConditions, cancellationToken);
            if (unmet is not null)
                return Skip(name, unmet.Reason());
            var check = definition.Declarations.Any ? await records.CheckAsync(name, definition.Declarations, cancellationToken) : null;
            if (check is { IsUpToDate: true })
            {
                console.TargetUpToDate(name, check.Reason);
                return new TargetResult(name, TargetStatus.UpToDate, stopwatch.Elapsed, check.Reason);
            }

            console.TargetStarting(name);
            started = true;
            if (check is not null)
            {
                console.TargetOutOfDate(name, check.Reason);
                records.Forget(name);
            }

            foreach (var action in definition.Actions)
                await action(context);
            if (check is not null)
                records.Record(name, definition.Declarations, check);
            result = new TargetResult(name, TargetStatus.Succeeded, stopwatch.Elapsed, Note(context));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = new TargetResult(name, TargetStatus.Aborted, stopwatch.Elapsed, "cancelled by the user");
        }
        catch (Exception e)
        {
            result = new TargetResult(name, TargetStatus.Failed, stopwatch.Elapsed, Note(context), new TargetFailedException(name, e));
        }

        if (!started)
            console.TargetStarting(name);
        console.TargetFinished(result);
        return result;
    }

    private TargetResult Skip(string name, string reason)
    {
        console.TargetSkipped(name, reason);
        return new TargetResult(name, TargetStatus.Skipped, TimeSpan.Zero, reason);
    }

    private static string? Note(TargetContext context) => context.Notes.Count == 0 ? null : string.Join("; ", context.Notes);
}
