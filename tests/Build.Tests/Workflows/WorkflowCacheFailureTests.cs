namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c>'s cache logic when an arch leg fails, executed against a stand-in <c>build.sh</c>: what
/// the failed leg compiled is saved without poisoning the key, and the next run resumes from it, then saves the complete
/// entry under the key.
/// </summary>
public class WorkflowCacheFailureTests
{
    private StandInWorkflow _workflow = null!;

    [SetUp]
    public void CreateStandInRepository() => _workflow = new StandInWorkflow();

    [TearDown]
    public void DeleteRepository() => _workflow.Dispose();

    private static Dictionary<string, string> FailArch(string arch) => new() { ["FAIL_ARCH"] = arch };

    [Test]
    public void A_failed_leg_saves_what_it_compiled_under_a_partial_key_and_nothing_is_released()
    {
        var run = _workflow.Run(1, FailArch("aarch64"));

        Assert.That(run.Job("Tools (aarch64)").Result, Is.EqualTo("failure"), run.ToString());
        Assert.That(run.Job("Tools (aarch64)").Step("Save the tools cache").Outcome, Is.EqualTo("success"), run.ToString());
        Assert.That(run.Job("build").Result, Is.EqualTo("skipped"));
        Assert.That(run.Job("release").Result, Is.EqualTo("skipped"));
        Assert.That(_workflow.Actions.CacheKeys(), Is.EquivalentTo(new[] { "tools-x86_64-f00dx86_64", "tools-aarch64-f00daarch64-partial-1" }));
    }

    [Test]
    public void The_next_run_resumes_the_failed_arch_without_a_hit_then_saves_its_complete_entry_and_releases()
    {
        _workflow.Run(1, FailArch("aarch64"));

        var run = _workflow.Run(2);
        var arm = run.Job("Tools (aarch64)");

        Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        Assert.That(arm.Step("cache").Outputs["cache-hit"], Is.EqualTo("false"));
        Assert.That(arm.Step("arch-targets").Run, Does.Not.Contain("--require-tools-cache-hit"));
        Assert.That(arm.Step("arch-targets").Log, Does.Contain("aarch64: resumed"));
        Assert.That(run.Job("Tools (x86_64)").Step("arch-targets").Run, Does.EndWith("--require-tools-cache-hit"));
        Assert.That(_workflow.Actions.CacheKeys(), Does.Contain("tools-aarch64-f00daarch64"));
        Assert.That(Directory.GetFiles(run.ReleaseDirectory).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "SHA256SUMS", "sysreport-x86_64.tgz", "sysreport-aarch64.tgz" }));
    }
}
