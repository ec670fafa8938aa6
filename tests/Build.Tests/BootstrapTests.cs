namespace Build.Tests;

public class BootstrapTests
{
    private RepositoryCopy _repository = null!;

    [OneTimeSetUp]
    public void CopyRepository() => _repository = RepositoryCopy.Create("bootstrap", SharedOutputs.None);

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test, Order(1)]
    public void Help_lists_targets_and_parameters()
    {
        var result = _repository.BuildSh("--help");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Contain("Targets:").And.Contain("Test").And.Contain("Parameters:").And.Contain("--configuration"));
    }

    [Test, Order(2)]
    public void A_second_run_starts_the_built_dll_without_msbuild()
    {
        _repository.BuildSh("--help");
        var compileLog = _repository.PathOf(".nuke/temp/build-compile.log");
        var compiledAt = File.GetLastWriteTimeUtc(compileLog);

        var result = _repository.BuildSh("--help");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Error, Does.Not.Contain("compiling the build project"));
        Assert.That(File.GetLastWriteTimeUtc(compileLog), Is.EqualTo(compiledAt));
    }

    [Test, Order(4)]
    public void A_build_project_that_does_not_compile_leaves_no_stamp_and_is_retried()
    {
        var buildCs = _repository.PathOf("build/Build.cs");
        var original = File.ReadAllText(buildCs);
        File.AppendAllText(buildCs, "\nthis does not compile\n");
        try
        {
            var broken = _repository.BuildSh("--list");

            Assert.That(broken.ExitCode, Is.Not.Zero);
            Assert.That(broken.Error, Does.Contain("does not compile"));
            Assert.That(File.Exists(_repository.PathOf(".nuke/temp/build.stamp")), Is.False);
        }
        finally
        {
            File.WriteAllText(buildCs, original);
        }

        var repaired = _repository.BuildSh("--list");

        Assert.That(repaired.ExitCode, Is.Zero, repaired.All);
        Assert.That(repaired.Error, Does.Contain("compiling the build project"));
    }

    [Test, Order(5)]
    public void Plan_shows_the_order_without_running_anything()
    {
        var result = _repository.BuildSh("--plan", "Test");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Match(@"1\. Restore\s+2\. Compile\s+3\. Test"));
        Assert.That(Directory.Exists(_repository.PathOf(".nuke/temp/test-results")), Is.False);
    }

    [Test, Order(6)]
    public void A_mistyped_target_exits_non_zero_and_suggests_the_right_one()
    {
        var result = _repository.BuildSh("Tset");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("Did you mean 'Test'"));
    }

    [Test, Order(7)]
    public void A_bad_parameter_value_exits_non_zero_naming_the_parameter()
    {
        var result = _repository.BuildSh("Compile", "--configuration", "Fast");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("--configuration").And.Contain("debug, release"));
    }

    [Test, Order(8)]
    public void Generating_the_configuration_reproduces_the_committed_files_byte_for_byte()
    {
        var result = _repository.BuildSh(Local, "--generate-configuration");
        var status = RepositoryCopy.Run("git", ["status", "--porcelain"], _repository.Root);

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(status.ExitCode, Is.Zero, status.All);
        Assert.That(status.Output.Split('\n').Where(line => !line.EndsWith("build/Build.cs", StringComparison.Ordinal) && line.Length > 0), Is.Empty);
    }

    [Test, Order(9)]
    public void Under_CI_a_stale_generated_file_fails_the_build_naming_it_and_a_local_run_repairs_it()
    {
        var workflow = _repository.PathOf(".github/workflows/build.yml");
        var committed = File.ReadAllText(workflow);
        File.AppendAllText(workflow, "# edited by hand\n");

        var ci = _repository.BuildSh(new Dictionary<string, string> { ["CI"] = "true" }, "Restore");
        var local = _repository.BuildSh(Local, "Restore");

        Assert.That(ci.ExitCode, Is.EqualTo(1), ci.All);
        Assert.That(ci.Output, Does.Contain(".github/workflows/build.yml").And.Contain("# edited by hand"));
        Assert.That(local.Output, Does.Contain("Updated .github/workflows/build.yml"));
        Assert.That(File.ReadAllText(workflow), Is.EqualTo(committed));
    }

    [Test, Order(10)]
    public void An_attribute_edited_in_build_cs_recompiles_the_build_project_and_updates_the_workflow()
    {
        var buildCs = _repository.PathOf("build/Build.cs");
        var original = File.ReadAllText(buildCs);
        File.WriteAllText(buildCs, original.Replace("TimeoutMinutes = 60)]", "TimeoutMinutes = 61)]", StringComparison.Ordinal));
        try
        {
            var result = _repository.BuildSh(Local, "Restore");

            Assert.That(result.Error, Does.Contain("compiling the build project"));
            Assert.That(result.Output, Does.Contain("Updated .github/workflows/build.yml"), result.All);
            Assert.That(File.ReadAllText(_repository.PathOf(".github/workflows/build.yml")), Does.Contain("timeout-minutes: 61"));
        }
        finally
        {
            File.WriteAllText(buildCs, original);
        }
    }

    // CI sets CI=true for the whole test run; a developer's local run has none.
    private static readonly Dictionary<string, string> Local = new() { ["CI"] = "" };
}
