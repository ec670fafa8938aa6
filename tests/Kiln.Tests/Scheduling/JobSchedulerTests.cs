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
    public async Task Running_jobs_never_exceed_the_parallel_limit_nor_their_shares_the_cpu_budget()
    {
        var running = 0;
        var shares = 0;
        var peakRunning = 0;
        var peakShares = 0;
        var gate = new object();
        var jobs = Enumerable.Range(0, 12).Select(i => new ScheduledJob($"job{i}", i % 3 == 2 ? [$"job{i - 1}"] : [], async (share, _) =>
        {
            lock (gate)
            {
                running++;
                shares += share;
                peakRunning = Math.Max(peakRunning, running);
                peakShares = Math.Max(peakShares, shares);
            }

            await Task.Delay(15);
            lock (gate)
            {
                running--;
                shares -= share;
            }
        })).ToList();

        await JobScheduler.RunAsync(jobs, maxParallel: 3, cpuBudget: 4, CancellationToken.None);

        Assert.That(peakRunning, Is.InRange(1, 3));
        Assert.That(peakShares, Is.InRange(1, 4));
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
        var jobs = new[]
        {
            new ScheduledJob("slow", [], async (_, token) =>
            {
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
                await Task.Delay(10);
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
