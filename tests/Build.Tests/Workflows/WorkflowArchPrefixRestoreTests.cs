namespace Build.Tests.Workflows;

/// <summary>
/// The committed <c>build.yml</c> when an arch's key changes (one recipe edited), executed against a stand-in
/// <c>build.sh</c>: each leg restores its arch's previous entry by prefix, never as a hit, so a tool whose per-tool entry
/// is unchanged is restored instead of compiled, and the complete entry is then saved under the new key.
/// </summary>
public class WorkflowArchPrefixRestoreTests
{
    private static readonly Dictionary<string, string> Edited = new() { ["EDIT"] = "-edited" };

    private StandInWorkflow _workflow = null!;

    [SetUp]
    public void CreateStandInRepository() => _workflow = new StandInWorkflow();

    [TearDown]
    public void DeleteRepository() => _workflow.Dispose();

    [Test]
    public void A_cold_run_saves_each_archs_per_tool_entries_with_its_arch_entry()
    {
        var run = _workflow.Run(1);

        Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        Assert.That(run.Job("Tools (x86_64)").Step("arch-targets").Log, Does.Contain("x86_64 unchanged: compiled"));
        Assert.That(_workflow.Actions.CacheKeys(), Is.EquivalentTo(new[] { "tools-x86_64-f00dx86_64", "tools-aarch64-f00daarch64" }));
    }

    [Test]
    public void After_a_key_change_each_leg_restores_its_archs_previous_entry_without_a_hit_and_compiles_only_what_changed()
    {
        _workflow.Run(1);

        var run = _workflow.Run(2, Edited);

        Assert.That(run.Jobs.Select(job => job.Result), Has.All.EqualTo("success"), run.ToString());
        foreach (var arch in new[] { "x86_64", "aarch64" })
        {
            var leg = run.Job($"Tools ({arch})");
            Assert.That(leg.Step("cache").Outputs["cache-hit"], Is.EqualTo("false"));
            Assert.That(leg.Step("cache").Outputs["cache-matched-key"], Is.EqualTo($"tools-{arch}-f00d{arch}"));
            Assert.That(leg.Step("arch-targets").Run, Does.Not.Contain("--require-tools-cache-hit"));
            Assert.That(leg.Step("arch-targets").Log, Does.Contain($"{arch} unchanged: restored").And.Not.Contain("hit"));
        }

        Assert.That(_workflow.Actions.CacheKeys(), Does.Contain("tools-x86_64-f00dx86_64-edited").And.Contain("tools-aarch64-f00daarch64-edited"));
    }
}
