namespace Kiln.Targets.Tests;

public class DependencyTests
{
    [Test]
    public void Running_a_target_runs_its_dependencies_first_and_its_triggers_after()
    {
        var build = new ChainBuild();

        var (exitCode, _) = BuildRun.Run(build, b => ((ChainBuild)b).Test);

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore", "Compile", "Test", "Report" }));
    }

    [Test]
    public void Named_targets_replace_the_default()
    {
        var build = new ChainBuild();

        BuildRun.Run(build, b => ((ChainBuild)b).Test, "Restore");

        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore" }));
    }

    [Test]
    public void A_dependency_cycle_fails_before_anything_runs()
    {
        var build = new CycleBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((CycleBuild)b).A);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Cycle: A -> B -> A"));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void An_unknown_target_fails_before_anything_runs_and_suggests_a_name()
    {
        var build = new ChainBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ChainBuild)b).Test, "Tset");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Did you mean 'Test'"));
        Assert.That(build.Ran, Is.Empty);
    }
}

public class ConditionTests
{
    [Test]
    public void A_false_static_condition_skips_the_target_with_the_condition_text_as_reason()
    {
        var build = new ConditionBuild { Enabled = false };

        var (exitCode, output) = BuildRun.Run(build, b => ((ConditionBuild)b).Dist);

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Dist" }));
        Assert.That(output, Does.Contain("Tools skipped: () => Enabled"));
    }

    [Test]
    public void A_static_skip_cascades_to_dependencies_only_it_needs()
    {
        var build = new ConditionBuild { Enabled = false };

        var (_, output) = BuildRun.Run(build, b => ((ConditionBuild)b).Dist);

        Assert.That(build.Ran, Does.Not.Contain("Image"));
        Assert.That(output, Does.Contain("Image skipped: only needed by skipped Tools"));
    }

    [Test]
    public void A_dynamic_condition_is_evaluated_after_the_dependencies_ran()
    {
        var build = new ConditionBuild();

        var (_, output) = BuildRun.Run(build, b => ((ConditionBuild)b).Compile);

        Assert.That(build.Ran, Does.Not.Contain("Compile"));
        Assert.That(output, Does.Contain("Compile skipped: () => !CacheHit"));
    }

    [Test]
    public void A_required_parameter_that_is_not_set_fails_before_anything_runs()
    {
        var build = new RequiresBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((RequiresBuild)b).Publish);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Target 'Publish' requires parameter 'ApiKey' (--api-key)"));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void A_required_parameter_that_is_set_lets_the_target_run()
    {
        var build = new RequiresBuild();

        var (exitCode, _) = BuildRun.Run(build, b => ((RequiresBuild)b).Publish, "--api-key", "s3cret");

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Publish" }));
    }

    [Test]
    public void An_async_dynamic_condition_is_awaited_and_its_reason_shown()
    {
        var build = new AsyncConditionBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((AsyncConditionBuild)b).Probe);

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Ran, Is.Empty);
        Assert.That(output, Does.Contain("Probe skipped: the probe said no"));
    }

    [Test]
    public void A_condition_that_throws_fails_its_target_and_the_build_ends_with_its_summary()
    {
        var build = new AsyncConditionBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((AsyncConditionBuild)b).After);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(build.Ran, Is.Empty);
        Assert.That(output, Does.Contain("the cache was never consulted").And.Contain("Build failed after"));
        Assert.That(output, Does.Match(@"After\s+NotRun"));
    }
}

public class SkippingTests
{
    [Test]
    public void Skip_with_names_skips_those_targets_and_what_only_they_need()
    {
        var build = new ChainBuild();

        var (_, output) = BuildRun.Run(build, b => ((ChainBuild)b).Test, "Test", "--skip", "Compile");

        Assert.That(build.Ran, Is.EqualTo(new[] { "Test", "Report" }));
        Assert.That(output, Does.Contain("Compile skipped: --skip").And.Contain("Restore skipped: only needed by skipped Compile"));
    }

    [Test]
    public void Bare_skip_runs_only_the_requested_targets()
    {
        var build = new ChainBuild();

        BuildRun.Run(build, b => ((ChainBuild)b).Test, "Test", "--skip");

        Assert.That(build.Ran, Is.EqualTo(new[] { "Test" }));
    }

    [Test]
    public void Skip_of_an_unknown_target_is_an_error()
    {
        var build = new ChainBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ChainBuild)b).Test, "--skip", "Compil");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("'Compil'").And.Contain("Did you mean 'Compile'"));
    }
}

public class FailureTests
{
    [Test]
    public void A_failed_target_stops_the_build_and_its_dependents_do_not_run()
    {
        var build = new FailureBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((FailureBuild)b).NeedsBroken);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(build.Ran, Is.Empty);
        Assert.That(output, Does.Contain("compiler exploded"));
        Assert.That(output, Does.Match(@"NeedsBroken\s+NotRun"));
    }

    [Test]
    public void Proceed_after_failure_lets_the_other_targets_run_but_fails_the_build()
    {
        var build = new FailureBuild();

        var (exitCode, _) = BuildRun.Run(build, b => ((FailureBuild)b).Independent, "Tolerant", "Independent");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Independent" }));
    }

    [Test]
    public void Assured_targets_run_after_a_failure()
    {
        var build = new FailureBuild();

        BuildRun.Run(build, b => ((FailureBuild)b).Cleanup, "Broken", "Independent", "Cleanup");

        Assert.That(build.Ran, Is.EqualTo(new[] { "Cleanup" }));
    }
}

public class CancellationTests
{
    [Test]
    public void Cancelling_aborts_the_running_target_and_runs_nothing_more()
    {
        var build = new CancellableBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((CancellableBuild)b).Next, new Dictionary<string, string>(), [],
            build.Cancellation.Token);

        Assert.That(exitCode, Is.EqualTo(130));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Slow" }));
        Assert.That(output, Does.Match(@"Slow\s+Aborted"));
        Assert.That(output, Does.Match(@"Next\s+NotRun"));
    }
}

public class SummaryTests
{
    [Test]
    public void Summary_lists_every_scheduled_target_with_its_status()
    {
        var build = new ConditionBuild { Enabled = false };

        var (_, output) = BuildRun.Run(build, b => ((ConditionBuild)b).Dist);

        Assert.That(output, Does.Match(@"Image\s+Skipped\s+only needed by skipped Tools"));
        Assert.That(output, Does.Match(@"Tools\s+Skipped\s+\(\) => Enabled"));
        Assert.That(output, Does.Match(@"Dist\s+Succeeded\s+\d+\.\ds"));
        Assert.That(output, Does.Contain("Total").And.Contain("Build succeeded"));
    }

    [Test]
    public void Summary_shows_the_notes_a_target_left()
    {
        var (_, output) = BuildRun.Run(new NotedBuild(), b => ((NotedBuild)b).Cache);

        Assert.That(output, Does.Match(@"Cache\s+Succeeded\s+\S+\s+x86_64: hit 3f2a9c01d4e5"));
    }

    [Test]
    public void Notes_given_as_lines_appear_in_their_order_in_the_summary()
    {
        var (_, output) = BuildRun.Run(new NotedBuild(), b => ((NotedBuild)b).Arches);

        Assert.That(output, Does.Match(@"Arches\s+Succeeded\s+\S+\s+x86_64: hit 3f2a9c01d4e5; aarch64: miss"));
    }

    [Test]
    public void Summary_says_the_build_failed_when_a_target_failed()
    {
        var (_, output) = BuildRun.Run(new FailureBuild(), b => ((FailureBuild)b).Broken);

        Assert.That(output, Does.Match(@"Broken\s+Failed"));
        Assert.That(output, Does.Contain("Build failed"));
    }

    [Test]
    public void A_build_error_prints_its_message_without_a_stack_trace()
    {
        var (_, output) = BuildRun.Run(new FailureBuild(), b => ((FailureBuild)b).Misconfigured);

        Assert.That(output, Does.Contain("tools/fio/tool.json: field 'version' is missing"));
        Assert.That(output, Does.Not.Contain("   at "));
    }

    [Test]
    public void Any_other_exception_is_reported_as_a_bug_with_its_stack_trace()
    {
        var (_, output) = BuildRun.Run(new FailureBuild(), b => ((FailureBuild)b).Broken);

        Assert.That(output, Does.Contain("System.InvalidOperationException: compiler exploded"));
        Assert.That(output, Does.Contain("   at "));
    }

    [Test]
    public void Redirected_output_has_no_colour_codes()
    {
        var (_, output) = BuildRun.Run(new ChainBuild(), b => ((ChainBuild)b).Test);

        Assert.That(output, Does.Not.Contain("\u001b["));
    }

    [Test]
    public void GitHub_Actions_output_groups_each_target()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" };

        var (_, output) = BuildRun.Run(new ChainBuild(), b => ((ChainBuild)b).Compile, environment, []);

        Assert.That(output, Does.Contain("::group::Restore").And.Contain("::group::Compile").And.Contain("::endgroup::"));
    }

    [Test]
    public void GitHub_Actions_gets_the_summary_table_on_the_job_summary_page()
    {
        var summary = Path.Combine(BuildRun.NewRoot(), "step-summary.md");
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

        BuildRun.Run(new NotedBuild(), b => ((NotedBuild)b).Cache, environment, []);

        Assert.That(File.ReadAllText(summary), Does.StartWith("### Cache: Build succeeded in ")
            .And.Match(@"\| Cache \| Succeeded \| \d+\.\ds \| x86\\_64: hit 3f2a9c01d4e5 \|"));
    }

    [Test]
    public void Outside_GitHub_Actions_no_job_summary_is_written()
    {
        var summary = Path.Combine(BuildRun.NewRoot(), "step-summary.md");

        BuildRun.Run(new NotedBuild(), b => ((NotedBuild)b).Cache, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }, []);

        Assert.That(File.Exists(summary), Is.False);
    }

    [Test]
    public void GitHub_Actions_annotates_a_failed_target_with_its_whole_message()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" };

        var (_, output) = BuildRun.Run(new FailureBuild(), b => ((FailureBuild)b).Misconfigured, environment, []);

        Assert.That(output, Does.Contain("::error title=Target Misconfigured failed::tools/fio/tool.json: field 'version' is missing"));
    }
}
