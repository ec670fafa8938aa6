using System.Runtime.ExceptionServices;

namespace Kiln.Scheduling;

/// <summary>
/// Runs a DAG of jobs, at most <c>maxParallel</c> at once, handing each a share of a CPU budget so that the
/// <c>make -j</c> of all running jobs together never exceeds it: a job starts only while budget is free and takes an
/// even part of what is free among the jobs that could start now (a lone job at the end gets all of it). Jobs that
/// unblock the longest chains start first. The first failure cancels every other job; the run then waits for all of
/// them to stop and rethrows that failure, so nothing is left running behind the caller.
/// </summary>
internal static class JobScheduler
{
    public static async Task RunAsync(IReadOnlyList<ScheduledJob> jobs, int maxParallel, int cpuBudget, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxParallel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpuBudget);
        var byId = jobs.ToDictionary(job => job.Id);
        foreach (var job in jobs)
            foreach (var dependency in job.DependsOn.Where(d => !byId.ContainsKey(d)))
                throw new ArgumentException($"job {job.Id} depends on {dependency}, which is not scheduled", nameof(jobs));
        var rank = ChainLengths(jobs);
        var pending = jobs.OrderByDescending(job => rank[job.Id]).ToList();

        using var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var succeeded = new HashSet<string>(StringComparer.Ordinal);
        var running = new Dictionary<Task, (ScheduledJob Job, int Share)>();
        var freeBudget = cpuBudget;
        ExceptionDispatchInfo? failure = null;
        while (true)
        {
            if (failure is null)
            {
                var ready = new Queue<ScheduledJob>(pending.Where(job => job.DependsOn.All(succeeded.Contains)));
                while (ready.Count > 0 && running.Count < maxParallel && freeBudget > 0)
                {
                    var share = Math.Max(1, freeBudget / Math.Min(ready.Count, maxParallel - running.Count));
                    var job = ready.Dequeue();
                    freeBudget -= share;
                    pending.Remove(job);
                    running.Add(Task.Run(() => job.RunAsync(share, stopAll.Token), CancellationToken.None), (job, share));
                }
            }

            if (running.Count == 0)
            {
                if (failure is null && pending.Count > 0)
                    throw new InvalidOperationException($"jobs {string.Join(", ", pending.Select(job => job.Id))} wait on each other");
                break;
            }

            var finished = await Task.WhenAny(running.Keys);
            var (done, doneShare) = running[finished];
            running.Remove(finished);
            freeBudget += doneShare;
            if (finished.IsCompletedSuccessfully)
            {
                succeeded.Add(done.Id);
                continue;
            }

            // A job cancelled because another failed is not the story; the first real failure is.
            var exception = finished.Exception?.InnerException ?? new OperationCanceledException(stopAll.Token);
            if (failure is null || (failure.SourceException is OperationCanceledException && exception is not OperationCanceledException))
                failure = ExceptionDispatchInfo.Capture(exception);
            await stopAll.CancelAsync();
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>How many jobs, at most, wait on each job one after another; the scheduler starts the longest chains first.</summary>
    private static Dictionary<string, int> ChainLengths(IReadOnlyList<ScheduledJob> jobs)
    {
        var dependents = jobs.SelectMany(job => job.DependsOn.Select(dependency => (dependency, job.Id)))
            .ToLookup(pair => pair.dependency, pair => pair.Id);
        var lengths = new Dictionary<string, int>(StringComparer.Ordinal);
        int Length(string id) => lengths.TryGetValue(id, out var known) ? known : lengths[id] = 1 + dependents[id].Select(Length).DefaultIfEmpty(0).Max();
        foreach (var job in jobs)
            Length(job.Id);
        return lengths;
    }
}
