using System.Diagnostics;
using Kiln.Pipeline;
using Kiln.Targets.Foundation;
using Kiln.Tools;

namespace Kiln.Tests.Pipeline;

public class CheckoutLockTests
{
    private ScratchDirectory _checkout = null!;
    private CheckoutLayout _layout = null!;

    [SetUp]
    public void CreateCheckout()
    {
        _checkout = new ScratchDirectory();
        _layout = new CheckoutLayout(_checkout.Path);
    }

    [TearDown]
    public void DeleteCheckout() => _checkout.Dispose();

    private string LockFile => _checkout.Combine(".build", ".lock");

    [Test]
    public void A_second_build_in_the_same_checkout_is_refused_naming_the_checkout_and_the_holder()
    {
        using var first = CheckoutLock.Acquire(_layout);

        var error = Assert.Throws<BuildException>(() => CheckoutLock.Acquire(_layout))!;

        Assert.That(error.Message, Does.StartWith($"another build is running in {_checkout.Path} (process {Environment.ProcessId} holds {LockFile})")
            .And.EndWith("wait for it to finish or run the second build from another checkout"));
    }

    [Test]
    public void Once_the_first_build_releases_the_lock_the_next_one_takes_it()
    {
        var first = CheckoutLock.Acquire(_layout);

        first.Dispose();

        Assert.DoesNotThrow(() => CheckoutLock.Acquire(_layout).Dispose());
    }

    [Test]
    public void A_lock_held_by_another_process_refuses_the_build_until_that_process_is_gone()
    {
        Directory.CreateDirectory(_layout.BuildDirectory);
        using var holder = StartFlockHolder();

        BuildException error;
        try
        {
            error = Assert.Throws<BuildException>(() => CheckoutLock.Acquire(_layout))!;
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        Assert.That(error.Message, Does.StartWith($"another build is running in {_checkout.Path} (it holds {LockFile})"), "flock(1) writes no PID");
        Assert.DoesNotThrow(() => CheckoutLock.Acquire(_layout).Dispose(), "the kernel dropped the killed holder's lock");
    }

    [Test]
    public void The_tools_stages_refuse_to_start_while_another_build_holds_the_checkout()
    {
        using var other = CheckoutLock.Acquire(_layout);
        var settings = new ToolsSettings(_checkout.Path, [], [], ExecutorKind.Local, _checkout.Combine("cache"), 1L << 30, "debian:bookworm", _checkout.Combine("builder.Dockerfile"))
        {
            Parameters = BuildParameters.Tools,
        };
        using var workflow = new ToolsWorkflow(settings, TextWriter.Null);

        var error = Assert.ThrowsAsync<BuildException>(() => workflow.ExecutorAsync(CancellationToken.None))!;

        Assert.That(error.Message, Does.StartWith($"another build is running in {_checkout.Path}"));
    }

    /// <summary>
    /// Starts <c>flock -n &lt;lock&gt;</c> and returns once it reports holding the lock. With <c>-o</c> only flock itself
    /// holds it, not its command, so the lock is gone as soon as the killed flock has exited.
    /// </summary>
    private Process StartFlockHolder()
    {
        var start = new ProcessStartInfo("flock") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", "-o", LockFile, "sh", "-c", "echo held; exec sleep 30" })
            start.ArgumentList.Add(argument);
        var holder = Process.Start(start)!;
        Assert.That(holder.StandardOutput.ReadLine(), Is.EqualTo("held"), "flock took the lock");
        return holder;
    }
}
