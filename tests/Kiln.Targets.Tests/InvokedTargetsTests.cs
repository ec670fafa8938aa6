namespace Kiln.Targets.Tests;

public class InvokedTargetsTests
{
    private static IEnumerable<TestCaseData> CommandLines()
    {
        yield return Case("target first", ["Compile", "--executor", "local"], ["Compile"]);
        yield return Case("option with a value first", ["--executor", "local", "Compile"], ["Compile"]);
        yield return Case("option with an equals value first", ["--executor=local", "Compile"], ["Compile"]);
        yield return Case("options with values before and after", ["--executor", "local", "Compile", "--arch", "x86_64", "aarch64"], ["Compile"]);
        yield return Case("boolean flag first", ["--require-tools-cache-hit", "Compile", "--executor", "local"], ["Compile"]);
        yield return Case("several targets, in the order named", ["Compile", "Checksums", "Restore"], ["Compile", "Checksums", "Restore"]);
        yield return Case("no target", [], ["Checksums"]);
        yield return Case("options but no target", ["--executor", "local", "--require-tools-cache-hit"], ["Checksums"]);
        yield return Case("skip after the target", ["Checksums", "--skip", "Compile"], ["Checksums"]);
        yield return Case("skip and no target", ["--skip", "Compile"], ["Checksums"]);
        yield return Case("bare skip", ["Compile", "--skip"], ["Compile"]);
        yield return Case("a named target that skip names too", ["Compile", "Checksums", "--skip", "Compile"], ["Compile", "Checksums"]);
    }

    private static TestCaseData Case(string name, string[] args, string[] invoked) =>
        new TestCaseData(args, invoked).SetName($"The build sees exactly the targets named: {name}");

    [TestCaseSource(nameof(CommandLines))]
    public void The_build_sees_exactly_the_targets_named(string[] args, string[] invoked)
    {
        var build = new InvokedTargetsBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((InvokedTargetsBuild)b).Checksums, args);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(build.SeenTargets, Is.EqualTo(invoked));
    }

    [Test]
    public void Parameters_from_environment_variables_add_no_targets()
    {
        var build = new InvokedTargetsBuild();
        var environment = new Dictionary<string, string> { ["EXECUTOR"] = "local", ["ARCH"] = "x86_64", ["REQUIRE_TOOLS_CACHE_HIT"] = "true" };

        var (exitCode, output) = BuildRun.Run(build, b => ((InvokedTargetsBuild)b).Checksums, environment, ["Compile"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(build.Executor, Is.EqualTo(Executor.Local));
        Assert.That(build.SeenTargets, Is.EqualTo(new[] { "Compile" }));
    }

    [Test]
    public void Parameters_from_environment_variables_leave_the_default_target_when_none_is_named()
    {
        var build = new InvokedTargetsBuild();
        var environment = new Dictionary<string, string> { ["EXECUTOR"] = "local" };

        var (exitCode, output) = BuildRun.Run(build, b => ((InvokedTargetsBuild)b).Checksums, environment, []);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(build.SeenTargets, Is.EqualTo(new[] { "Checksums" }));
    }
}
