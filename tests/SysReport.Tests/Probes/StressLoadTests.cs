using SysReport.Probes;
using SysReport.Report;
using SysReport.Tests.Support;

namespace SysReport.Tests.Probes;

public class StressLoadTests
{
    [Test]
    public async Task Stress_runs_one_worker_per_cpu_and_a_sample_is_taken_each_second()
    {
        using var work = new TempDirectory();
        var sampled = Path.Combine(work.Path, "sampled");
        // Like the real stress, which runs for its whole --timeout, the fake outlasts the sampling: it ends once both samples are taken.
        using var install = new FakeInstall().WithTool("stress", $"echo \"$@\" > '{Path.Combine(work.Path, "args")}'\nwhile [ ! -e '{sampled}' ]; do sleep 0.05; done");
        using var system = FakeSystem.X86WithTwoCpus();
        var reported = new List<LoadSample>();
        var problems = new List<string>();
        var progress = new SynchronousProgress<LoadSample>(sample =>
        {
            reported.Add(sample);
            if (reported.Count == 2)
                File.WriteAllText(sampled, "");
        });

        var run = await StressLoad.RunAsync(install.Layout, system.Paths, 2, progress, problems.Add, CancellationToken.None);

        Assert.That(problems, Is.Empty);
        Assert.That(run.Completed, Is.True);
        Assert.That(run.Samples.Select(s => s.Second), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(reported, Is.EqualTo(run.Samples));
        Assert.That(run.Samples[0].AverageMhz, Is.EqualTo(2596));
        Assert.That(File.ReadAllText(Path.Combine(work.Path, "args")).Trim(), Is.EqualTo($"--cpu {Environment.ProcessorCount} --timeout 2s"));
    }

    [Test]
    public async Task Stress_failing_early_keeps_the_samples_and_reports_the_failure()
    {
        using var install = new FakeInstall().WithTool("stress", "echo 'stress: FAIL: [42] (415) <-- worker 43 got signal 9' >&2\nexit 1");
        using var system = FakeSystem.X86WithTwoCpus();
        var problems = new List<string>();

        var run = await StressLoad.RunAsync(install.Layout, system.Paths, 5, new SynchronousProgress<LoadSample>(_ => { }), problems.Add, CancellationToken.None);

        Assert.That(run.Completed, Is.False);
        Assert.That(problems.Single(), Does.StartWith("stress exited with 1 after").And.Contains("worker 43 got signal 9"));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; here each sample is handled before the probe goes on.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
