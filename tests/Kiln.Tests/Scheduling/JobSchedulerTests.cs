using Kiln.Scheduling;

namespace Kiln.Tests.Scheduling;

public class JobSchedulerTests
{
    [Test]
    public async Task A_job_starts_only_after_every_job_it_depends_on_succeeded()
    {
        var finished = new List<string>();
        var startedWith = new Dictionary<string, string[]>();
        ScheduledJob Job(string id, params string[] dependsOn) => new(id, dependsOn, async (_, _) =>
        {
            lock (finished)
                startedWith[id] = [.. finished];
            await Task.Delay(20);
            lock (finished)
                finished.Add(id);
        });

        await JobScheduler.RunAsync([Job("fio", "zlib", "libaio"), Job("zlib"), Job("libaio"), Job("stress")], maxParallel: 4, cpuBudget: 4, CancellationToken.None);

        Assert.That(finished, Has.Count.EqualTo(4));
        Assert.That(startedWith["fio"], Is.SupersetOf(new[] { "zlib", "libaio" }));
    }

    [Test]
    public async Task Two_independent_jobs_run_at_the_same_time_when_the_budget_allows()
    {
        var started = new Dictionary<string, TaskCompletionSource>
        {
            ["fio"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["stress"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        // Each job waits for the other to have started: run one after the other, the first would wait forever.
        ScheduledJob Job(string id, string other) => new(id, [], async (_, _) =>
        {
            started[id].SetResult();
            await Patience.WaitAsync(started[other].Task, $"{other} did not start while {id} was running");
        });

        await JobScheduler.RunAsync([Job("fio", "stress"), Job("stress", "fio")], maxParallel: 2, cpuBudget: 2, CancellationToken.None);

        Assert.That(started.Values.Select(job => job.Task.IsCompletedSuccessfully), Is.All.True);
    }

    [Test]
    public async Task Running_jobs_never_exceed_the_parallel_limit_nor_their_shares_the_cpu_budget()
    {
        var running = 0;
        var shares = 0;
        var peakRunning = 0;
        var peakShares = 0;
        var gate = new object();
        // Jobs hold until the limit has been reached once, so the run must show it: a scheduler that ran fewer at once
        // would leave them waiting. Their work then takes a moment, so jobs overlap and too many at once would show.
        var limitReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobs = Enumerable.Range(0, 12).Select(i => new ScheduledJob($"job{i}", i % 3 == 2 ? [$"job{i - 1}"] : [], async (share, _) =>
        {
            lock (gate)
            {
                running++;
                shares += share;
                peakRunning = Math.Max(peakRunning, running);
                peakShares = Math.Max(peakShares, shares);
                if (running == 3)
                    limitReached.TrySetResult();
            }

            await Patience.WaitAsync(limitReached.Task, $"job{i} never saw 3 jobs running at once");
            await Task.Delay(15);
            lock (gate)
            {
                running--;
                shares -= share;
            }
        })).ToList();

        await JobScheduler.RunAsync(jobs, maxParallel: 3, cpuBudget: 4, CancellationToken.None);

        Assert.That(peakRunning, Is.EqualTo(3));
        Assert.That(peakShares, Is.EqualTo(4));
    }

    [Test]
    public async Task A_lone_job_gets_the_whole_cpu_budget()
    {
        var share = 0;

        await JobScheduler.RunAsync([new ScheduledJob("fio", [], (s, _) => { share = s; return Task.CompletedTask; })], maxParallel: 2, cpuBudget: 6, CancellationToken.None);

        Assert.That(share, Is.EqualTo(6));
    }

    [Test]
    public void The_first_failure_cancels_the_other_jobs_and_is_what_the_run_throws()
    {
        var slowWasCancelled = false;
        var dependentRan = false;
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var jobs = new[]
        {
            new ScheduledJob("slow", [], async (_, token) =>
            {
                slowStarted.SetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), token);
                }
                catch (OperationCanceledException)
                {
                    slowWasCancelled = true;
                    throw;
                }
            }),
            new ScheduledJob("broken", [], async (_, _) =>
            {
                // Fail only while slow is running, so it is a running job that the failure must cancel.
                await Patience.WaitAsync(slowStarted.Task, "slow did not start beside broken");
                throw new InvalidDataException("broken recipe");
            }),
            new ScheduledJob("dependent", ["broken"], (_, _) =>
            {
                dependentRan = true;
                return Task.CompletedTask;
            }),
        };

        var error = Assert.ThrowsAsync<InvalidDataException>(() => JobScheduler.RunAsync(jobs, maxParallel: 3, cpuBudget: 3, CancellationToken.None))!;

        Assert.That(error.Message, Is.EqualTo("broken recipe"));
        Assert.That(slowWasCancelled, Is.True);
        Assert.That(dependentRan, Is.False);
    }

    [Test]
    public void Cancelling_the_run_stops_every_running_job_and_starts_no_other()
    {
        using var cancel = new CancellationTokenSource();
        var started = new List<string>();
        ScheduledJob Job(string id, params string[] dependsOn) => new(id, dependsOn, async (_, token) =>
        {
            lock (started)
                started.Add(id);
            cancel.Cancel();
            await Task.Delay(TimeSpan.FromMinutes(1), token);
        });

        Assert.CatchAsync<OperationCanceledException>(() => JobScheduler.RunAsync([Job("first"), Job("second", "first")], 1, 1, cancel.Token));

        Assert.That(started, Is.EqualTo(new[] { "first" }));
    }
}
