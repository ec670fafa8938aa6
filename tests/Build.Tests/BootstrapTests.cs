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

    [Test, Order(3)]
    public void A_copy_at_another_path_reuses_the_compiled_build_project_despite_a_foreign_status_record()
    {
        using var copy = RepositoryCopy.Create("bootstrap-copy", SharedOutputs.None);
        RepositoryCopy.ShareCompiledBuildProject(_repository.Root, copy.Root);
        var record = File.ReadAllText(_repository.PathOf(StatusRecord));
        // The original's record names other inodes and mtimes; the copy must hash its inputs, then find the stamp equal.
        File.WriteAllText(copy.PathOf(StatusRecord), record);

        var result = copy.BuildSh("--help");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Error, Does.Not.Contain("compiling the build project"));
        Assert.That(record, Does.Contain("\nbuild/Build.cs\t").And.Not.Contain("\n/"), "the record names relative paths only");
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

    [Test, Order(11)]
    public void An_edit_in_the_same_second_that_keeps_size_mtime_and_inode_recompiles_the_build_project()
    {
        var buildCs = _repository.PathOf("build/Build.cs");
        var original = File.ReadAllText(buildCs);
        var edited = original.Replace("TimeoutMinutes = 60)]", "TimeoutMinutes = 61)]", StringComparison.Ordinal);
        Assert.That(edited, Has.Length.EqualTo(original.Length).And.Not.EqualTo(original));
        var editTime = Path.Combine(Directory.CreateDirectory(_repository.PathOf(".nuke/temp")).FullName, "edit-time");
        try
        {
            File.WriteAllText(buildCs, edited);
            Touch("-r", buildCs, editTime);
            var first = _repository.BuildSh("--help");
            Assert.That(first.ExitCode, Is.Zero, first.All);
            var statusAfterFirst = StatusOf(buildCs);

            // A second edit in the same timestamp tick: rewritten in place with the same size, so with the same status.
            File.WriteAllText(buildCs, original);
            Touch("-m", "-r", editTime, buildCs);
            Assert.That(StatusOf(buildCs), Is.EqualTo(statusAfterFirst));
            var second = _repository.BuildSh("--help");

            Assert.That(second.ExitCode, Is.Zero, second.All);
            Assert.That(second.Error, Does.Contain("compiling the build project"));
        }
        finally
        {
            File.WriteAllText(buildCs, original);
        }
    }

    [Test, Order(12)]
    public void Touching_every_input_does_not_recompile_the_build_project()
    {
        _repository.BuildSh("--help");
        var compiledAt = File.GetLastWriteTimeUtc(_repository.PathOf(".nuke/temp/build-compile.log"));
        SetEveryFileModified(DateTime.UtcNow);

        var result = _repository.BuildSh("--help");

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Error, Does.Not.Contain("compiling the build project"));
        Assert.That(File.GetLastWriteTimeUtc(_repository.PathOf(".nuke/temp/build-compile.log")), Is.EqualTo(compiledAt));
    }

    [Test, Order(13)]
    public void A_warm_run_hashes_nothing()
    {
        // Older than the racy-timestamp window, so the next run leaves a status record it can trust.
        SetEveryFileModified(DateTime.UtcNow.AddMinutes(-1));
        var recorded = _repository.BuildSh("--help");
        Assert.That(recorded.ExitCode, Is.Zero, recorded.All);
        var withoutSha256Sum = PathWithoutSha256Sum();

        var warm = _repository.BuildSh(withoutSha256Sum, "--help");
        File.SetLastWriteTimeUtc(_repository.PathOf("build/Build.cs"), DateTime.UtcNow);
        var changed = _repository.BuildSh(withoutSha256Sum, "--help");

        Assert.That(warm.ExitCode, Is.Zero, warm.All);
        Assert.That(warm.Output, Does.Contain("Targets:"));
        Assert.That(warm.Error, Does.Not.Contain(Sha256SumCalled));
        Assert.That(changed.ExitCode, Is.Not.Zero, "a changed input must be hashed, so the replaced sha256sum fails the run");
        Assert.That(changed.Error, Does.Contain(Sha256SumCalled));
    }

    private const string StatusRecord = ".nuke/temp/build.inputs";
    private const string Sha256SumCalled = "sha256sum was called";

    /// <summary>A PATH whose first directory has a sha256sum that only fails, so any hashing shows.</summary>
    private Dictionary<string, string> PathWithoutSha256Sum()
    {
        var directory = Directory.CreateDirectory(_repository.PathOf(".nuke/temp/no-sha256sum")).FullName;
        var sha256Sum = Path.Combine(directory, "sha256sum");
        File.WriteAllText(sha256Sum, $"#!/bin/sh\necho '{Sha256SumCalled}' >&2\nexit 1\n");
        var executable = RepositoryCopy.Run("chmod", ["+x", sha256Sum], directory);
        Assert.That(executable.ExitCode, Is.Zero, executable.All);
        return new Dictionary<string, string> { ["PATH"] = $"{directory}:{Environment.GetEnvironmentVariable("PATH")}" };
    }

    /// <summary>Changes the mtime of every file of the copy but git's and the build's own, keeping every byte.</summary>
    private void SetEveryFileModified(DateTime modified)
    {
        foreach (var file in Directory.EnumerateFiles(_repository.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_repository.Root, file);
            if (!relative.StartsWith(".git/", StringComparison.Ordinal) && !relative.StartsWith(".nuke/temp/", StringComparison.Ordinal))
                File.SetLastWriteTimeUtc(file, modified);
        }
    }

    private void Touch(params string[] args)
    {
        var touched = RepositoryCopy.Run("touch", args, _repository.Root);
        Assert.That(touched.ExitCode, Is.Zero, touched.All);
    }

    /// <summary>What build.sh records of a file: size, mtime to the nanosecond and inode.</summary>
    private string StatusOf(string path)
    {
        var status = RepositoryCopy.Run("stat", ["-c", "%s %.9Y %i", path], _repository.Root);
        Assert.That(status.ExitCode, Is.Zero, status.All);
        return status.Output;
    }

    // CI sets CI=true for the whole test run; a developer's local run has none.
    private static readonly Dictionary<string, string> Local = new() { ["CI"] = "" };
}
