namespace Kiln.Targets.Tests;

public class IncrementalTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = BuildRun.NewRoot();
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        File.WriteAllText(Path.Combine(_root, "src", "a.txt"), "alpha");
        File.WriteAllText(Path.Combine(_root, "src", "b.txt"), "beta");
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Source(string name) => Path.Combine(_root, "src", name);

    private string Result => Path.Combine(_root, "out", "result.txt");

    private string Record => Path.Combine(_root, ".nuke", "temp", "targets", "Generate.json");

    private (int ExitCode, string Output, IncrementalBuild Build) Run(IncrementalBuild? build = null, string target = "Bundle")
    {
        build ??= new IncrementalBuild();
        var (exitCode, output) = BuildRun.Run(build, b => ((IncrementalBuild)b).Bundle, new Dictionary<string, string>(), [target],
            build.CancelsAfterWriting?.Token ?? CancellationToken.None, _root);
        return (exitCode, output, build);
    }

    [Test]
    public void A_target_whose_inputs_and_outputs_are_unchanged_is_up_to_date_with_its_reason()
    {
        Run();

        var (exitCode, output, build) = Run();

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.Empty);
        Assert.That(output, Does.Match(@"Generate\s+UpToDate\s+inputs unchanged \([0-9a-f]{12}\), 1 output intact"));
        Assert.That(output, Does.Match(@"Bundle\s+UpToDate"));
    }

    [Test]
    public void The_first_run_runs_and_says_that_no_run_is_recorded()
    {
        var (_, output, build) = Run();

        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate", "Bundle" }));
        Assert.That(output, Does.Contain("Generate runs: no successful run is recorded"));
    }

    [Test]
    public void A_dependant_of_an_up_to_date_target_sees_its_outputs_as_if_it_had_run()
    {
        Run();

        var (exitCode, _, build) = Run(target: "Report");

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Report" }));
        Assert.That(File.ReadAllText(Result), Is.EqualTo("plain: alpha,beta"));
    }

    [Test]
    public void Touching_every_input_and_output_keeps_the_targets_up_to_date()
    {
        Run();
        var later = DateTime.UtcNow.AddMinutes(5);
        foreach (var file in Directory.GetFiles(_root, "*.txt", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, later);

        var (_, _, build) = Run();

        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void A_changed_input_file_reruns_the_target_and_names_the_file()
    {
        Run();
        File.WriteAllText(Source("a.txt"), "ALPHA");

        var (_, output, build) = Run();

        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate", "Bundle" }));
        Assert.That(output, Does.Contain("Generate runs: inputs changed: 1 file changed (src/a.txt)"));
        Assert.That(output, Does.Contain("Bundle runs: inputs changed: 1 file changed (out/result.txt)"));
    }

    [Test]
    public void An_added_input_file_reruns_the_target()
    {
        Run();
        File.WriteAllText(Source("c.txt"), "gamma");

        var (_, output, build) = Run();

        Assert.That(build.Ran, Does.Contain("Generate"));
        Assert.That(output, Does.Contain("1 file added (src/c.txt)"));
    }

    [Test]
    public void A_file_an_exclusion_pattern_names_is_no_input()
    {
        Run(target: "Count");
        File.WriteAllText(Source("b.txt"), "BETA");

        var (_, _, build) = Run(target: "Count");

        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void An_edit_that_keeps_the_size_and_the_mtime_is_still_seen()
    {
        Run();
        var mtime = File.GetLastWriteTimeUtc(Source("a.txt"));
        File.WriteAllText(Source("a.txt"), "ALPHA");
        File.SetLastWriteTimeUtc(Source("a.txt"), mtime);

        var (_, _, build) = Run();

        Assert.That(build.Ran, Does.Contain("Generate"));
    }

    [Test]
    public void A_changed_value_reruns_the_target_and_names_the_value_in_the_tools_cache_words()
    {
        Run();

        var (_, output, build) = Run(new IncrementalBuild { Flavour = "spicy" });

        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate", "Bundle" }));
        Assert.That(output, Does.Contain("Generate runs: inputs changed: input flavour changed: 'plain' -> 'spicy'"));
    }

    [Test]
    public void An_output_edited_by_hand_reruns_the_target_that_writes_it()
    {
        Run();
        File.WriteAllText(Result, "tampered");

        var (_, output, build) = Run();

        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate" }));
        Assert.That(output, Does.Contain("Generate runs: outputs changed since it ran: 1 file changed (out/result.txt)"));
        Assert.That(File.ReadAllText(Result), Is.EqualTo("plain: alpha,beta"));
    }

    [Test]
    public void An_output_deleted_by_hand_reruns_the_target_that_writes_it()
    {
        Run();
        File.Delete(Path.Combine(_root, "out", "package.txt"));

        var (_, output, build) = Run();

        Assert.That(build.Ran, Is.EqualTo(new[] { "Bundle" }));
        Assert.That(output, Does.Contain("Bundle runs: outputs changed since it ran: 1 file removed (out/package.txt)"));
    }

    [Test]
    public void A_target_without_declarations_runs_every_time()
    {
        Run(target: "Report");

        var (_, _, build) = Run(target: "Report");

        Assert.That(build.Ran, Is.EqualTo(new[] { "Report" }));
    }

    [Test]
    public void A_failed_run_records_nothing_so_the_next_run_runs_again()
    {
        Run();
        File.WriteAllText(Source("a.txt"), "ALPHA");
        var (exitCode, _, _) = Run(new IncrementalBuild { FailsAfterWriting = true });

        var (_, output, build) = Run();

        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate", "Bundle" }));
        Assert.That(output, Does.Contain("Generate runs: no successful run is recorded"));
    }

    [Test]
    public void An_interrupted_run_leaves_no_record_even_when_its_inputs_are_changed_back()
    {
        Run();
        File.WriteAllText(Source("a.txt"), "ALPHA");
        var (exitCode, _, _) = Run(new IncrementalBuild { CancelsAfterWriting = new CancellationTokenSource() });
        File.WriteAllText(Source("a.txt"), "alpha");

        var (_, _, build) = Run();

        Assert.That(exitCode, Is.EqualTo(130));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate" }), "Bundle's input comes out as it last saw it, so only Generate runs");
        Assert.That(File.ReadAllText(Result), Is.EqualTo("plain: alpha,beta"));
    }

    [Test]
    public void A_record_torn_by_a_crash_while_it_was_written_counts_as_none()
    {
        Run();
        var text = File.ReadAllText(Record);
        File.WriteAllText(Record, text[..(text.Length / 2)]);

        var (exitCode, output, build) = Run();

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Generate" }));
        Assert.That(output, Does.Contain("Generate runs: no successful run is recorded"));
    }

    [Test]
    public void A_crash_before_the_temporary_record_is_renamed_leaves_the_previous_record()
    {
        Run();
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Record)!, ".Generate.json.0123456789abcdef.tmp"), "{\"format\":");

        var (_, _, build) = Run();

        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void The_record_is_written_only_after_the_target_succeeded()
    {
        Run();
        File.WriteAllText(Source("a.txt"), "ALPHA");

        Run(new IncrementalBuild { FailsAfterWriting = true });

        Assert.That(File.Exists(Record), Is.False);
    }
}
