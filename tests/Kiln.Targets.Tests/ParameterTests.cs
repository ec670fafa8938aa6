using Kiln.Targets.Foundation;

namespace Kiln.Targets.Tests;

public enum Executor
{
    Auto,
    Docker,
    Local,
}

internal sealed class ParameterBuild : RecordingBuild
{
    public override string ParameterPrefix => "KILN";

    [Parameter("Where tools compile")]
    public Executor Executor = Executor.Auto;

    [Parameter("Architectures")]
    public string[] Arch = ["x86_64", "aarch64"];

    [Parameter("Jobs")]
    public int Jobs = 1;

    [Parameter("Explain a miss")]
    public bool Explain;

    [Parameter("Cache directory")]
    public AbsolutePath? ToolsCacheDir { get; set; }

    [Parameter("Label")]
    public string? Label;

    // Named like the engine's own variable, KILN_ROOT_DIRECTORY, with the project's prefix.
    [Parameter("Root directory override", Name = "RootDirectory")]
    public string? RootDirectoryOverride;

    public Target Show => _ => _.Description("Shows parameters").Executes(Record(nameof(Show)));
}

public class ParameterTests
{
    private static (int ExitCode, string Output, ParameterBuild Build) Run(Dictionary<string, string>? environment, string? root, params string[] args)
    {
        var build = new ParameterBuild();
        var (exitCode, output) = BuildRun.Run(build, b => ((ParameterBuild)b).Show, environment ?? [], args, root: root);
        return (exitCode, output, build);
    }

    [Test]
    public void Arguments_in_kebab_case_set_typed_values()
    {
        var (_, _, build) = Run(null, null, "--executor", "docker", "--arch", "aarch64", "--jobs", "4", "--explain", "--tools-cache-dir", "/tmp/cache");

        Assert.That(build.Executor, Is.EqualTo(Executor.Docker));
        Assert.That(build.Arch, Is.EqualTo(new[] { "aarch64" }));
        Assert.That(build.Jobs, Is.EqualTo(4));
        Assert.That(build.Explain, Is.True);
        Assert.That(build.ToolsCacheDir!.Value, Is.EqualTo("/tmp/cache"));
    }

    [Test]
    public void Array_values_can_be_separate_words_or_comma_separated()
    {
        var (_, _, spaced) = Run(null, null, "--arch", "x86_64", "aarch64");
        var (_, _, commas) = Run(null, null, "--arch", "x86_64,aarch64");

        Assert.That(spaced.Arch, Is.EqualTo(new[] { "x86_64", "aarch64" }));
        Assert.That(commas.Arch, Is.EqualTo(new[] { "x86_64", "aarch64" }));
    }

    [Test]
    public void Relative_paths_resolve_against_the_root_directory()
    {
        var root = BuildRun.NewRoot();

        var (_, _, build) = Run(null, root, "--tools-cache-dir", "cache");

        Assert.That(build.ToolsCacheDir!.Value, Is.EqualTo(Path.Combine(root, "cache")));
    }

    [Test]
    public void Environment_variables_match_any_case_and_separator_and_the_nuke_prefix()
    {
        var (_, _, plain) = Run(new() { ["TOOLS_CACHE_DIR"] = "/var/cache/tools" }, null);
        var (_, _, prefixed) = Run(new() { ["NUKE_EXECUTOR"] = "local" }, null);

        Assert.That(plain.ToolsCacheDir!.Value, Is.EqualTo("/var/cache/tools"));
        Assert.That(prefixed.Executor, Is.EqualTo(Executor.Local));
    }

    [Test]
    public void Environment_variables_with_the_kiln_prefix_bind_to_the_parameter()
    {
        var (_, _, build) = Run(new() { ["KILN_TOOLS_CACHE_DIR"] = "/var/cache/kiln", ["KILN_EXECUTOR"] = "docker" }, null);

        Assert.That(build.ToolsCacheDir!.Value, Is.EqualTo("/var/cache/kiln"));
        Assert.That(build.Executor, Is.EqualTo(Executor.Docker));
    }

    [Test]
    public void The_exact_name_wins_then_the_kiln_prefix_over_the_bare_and_nuke_spellings()
    {
        var (_, _, prefixed) = Run(new() { ["LABEL"] = "bare", ["NUKE_LABEL"] = "nuke", ["KILN_LABEL"] = "kiln" }, null);
        var (_, _, exact) = Run(new() { ["Label"] = "exact", ["KILN_LABEL"] = "kiln" }, null);

        Assert.That(prefixed.Label, Is.EqualTo("kiln"));
        Assert.That(exact.Label, Is.EqualTo("exact"));
    }

    [Test]
    public void A_bad_value_from_the_environment_names_the_variable_it_came_from()
    {
        var (exitCode, output, _) = Run(new() { ["EXECUTOR"] = "local", ["KILN_EXECUTOR"] = "dockr" }, null);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("from environment variable KILN_EXECUTOR:").And.Contain("'dockr'"));
    }

    [Test]
    public void An_empty_environment_variable_counts_as_not_given_so_the_default_applies()
    {
        var (exitCode, _, build) = Run(new() { ["KILN_LABEL"] = "", ["EXECUTOR"] = "", ["EXPLAIN"] = "", ["JOBS"] = "" }, null);

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Label, Is.Null);
        Assert.That(build.Executor, Is.EqualTo(Executor.Auto));
        Assert.That(build.Explain, Is.False);
        Assert.That(build.Jobs, Is.EqualTo(1));
    }

    [Test]
    public void An_empty_environment_variable_leaves_the_choice_to_the_next_spelling_and_to_parameters_json()
    {
        var root = BuildRun.NewRoot();
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), """{ "Jobs": 2 }""");

        var (_, _, build) = Run(new() { ["KILN_LABEL"] = "", ["LABEL"] = "bare", ["KILN_JOBS"] = "" }, root);

        Assert.That(build.Label, Is.EqualTo("bare"));
        Assert.That(build.Jobs, Is.EqualTo(2));
    }

    [Test]
    public void The_root_directory_build_sh_exports_is_never_a_parameter_value()
    {
        var (_, _, build) = Run(new() { ["KILN_ROOT_DIRECTORY"] = "/srv/kiln" }, null);

        Assert.That(build.RootDirectoryOverride, Is.Null);
    }

    [Test]
    public void Arguments_win_over_environment_which_wins_over_parameters_json()
    {
        var root = BuildRun.NewRoot();
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), """{ "Jobs": 2, "Label": "from-file", "Executor": "docker" }""");

        var (_, _, build) = Run(new() { ["JOBS"] = "3", ["LABEL"] = "from-env" }, root, "--jobs", "5");

        Assert.That(build.Jobs, Is.EqualTo(5));
        Assert.That(build.Label, Is.EqualTo("from-env"));
        Assert.That(build.Executor, Is.EqualTo(Executor.Docker));
    }

    [Test]
    public void A_profile_file_overrides_parameters_json()
    {
        var root = BuildRun.NewRoot();
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), """{ "Label": "default", "Jobs": 2 }""");
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.ci.json"), """{ "Label": "ci" }""");

        var (_, _, build) = Run(null, root, "--profile", "ci");

        Assert.That(build.Label, Is.EqualTo("ci"));
        Assert.That(build.Jobs, Is.EqualTo(2));
    }

    [Test]
    public void A_missing_profile_is_an_error_naming_the_file()
    {
        var (exitCode, output, _) = Run(null, null, "--profile", "nightly");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("parameters.nightly.json"));
    }

    [Test]
    public void A_bad_enum_value_names_the_parameter_and_the_allowed_values_and_runs_nothing()
    {
        var (exitCode, output, build) = Run(null, null, "--executor", "dockr");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Parameter 'Executor' (--executor)").And.Contain("'dockr'").And.Contain("auto, docker, local"));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void A_bad_value_in_parameters_json_names_the_file_and_field()
    {
        var root = BuildRun.NewRoot();
        File.WriteAllText(Path.Combine(root, ".nuke", "parameters.json"), """{ "Jobs": "many" }""");

        var (exitCode, output, _) = Run(null, root);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("parameters.json field 'Jobs'").And.Contain("'many' is not a whole number"));
    }

    [Test]
    public void An_unknown_option_suggests_the_closest_parameter()
    {
        var (exitCode, output, _) = Run(null, null, "--exector", "local");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Unknown option --exector").And.Contain("--executor"));
    }
}

public class CommandLineTests
{
    [Test]
    public void Help_lists_listed_targets_with_descriptions_and_dependencies_and_parameters_with_values()
    {
        var build = new ChainBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ChainBuild)b).Test, "--help");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Contain("Restores").And.Contain("Test (default)").And.Match(@"Compile\s+-> Restore"));
        Assert.That(output, Does.Not.Contain("Hidden"));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void Help_shows_parameter_descriptions_allowed_values_and_current_values()
    {
        var (_, output) = BuildRun.Run(new ParameterBuild(), b => ((ParameterBuild)b).Show, "--help", "--jobs", "7");

        Assert.That(output, Does.Match(@"--executor\s+Where tools compile \(auto \| docker \| local\)\s+= auto"));
        Assert.That(output, Does.Match(@"--jobs\s+Jobs\s+= 7"));
    }

    [Test]
    public void Plan_prints_the_order_and_runs_nothing()
    {
        var build = new ChainBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ChainBuild)b).Compile, "--plan", "Test");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output, Does.Match(@"1\. Restore\s+2\. Compile\s+3\. Test\s+4\. Report"));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void Plan_as_mermaid_draws_the_dependency_edges()
    {
        var (_, output) = BuildRun.Run(new ChainBuild(), b => ((ChainBuild)b).Test, "--plan=mermaid");

        Assert.That(output, Does.Contain("graph LR").And.Contain("Restore --> Compile").And.Contain("Compile --> Test"));
    }

    [Test]
    public void List_prints_listed_target_names_only()
    {
        var (_, output) = BuildRun.Run(new ChainBuild(), b => ((ChainBuild)b).Test, "--list");

        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[] { "Restore", "Compile", "Test", "Report" }));
    }

    [Test]
    public void A_boolean_parameter_does_not_swallow_the_target_after_it()
    {
        var build = new ParameterBuild();

        BuildRun.Run(build, b => ((ParameterBuild)b).Show, "--explain", "Show");

        Assert.That(build.Explain, Is.True);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Show" }));
    }

    [Test]
    public void A_scalar_parameter_takes_one_word_and_the_next_is_a_target()
    {
        var build = new ParameterBuild();

        var (exitCode, _) = BuildRun.Run(build, b => ((ParameterBuild)b).Show, "--executor", "local", "Show");

        Assert.That(exitCode, Is.Zero);
        Assert.That(build.Executor, Is.EqualTo(Executor.Local));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Show" }));
    }

    [Test]
    public void An_option_given_twice_is_an_error()
    {
        var (exitCode, output) = BuildRun.Run(new ParameterBuild(), b => ((ParameterBuild)b).Show, "--jobs", "1", "--jobs", "2");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("--jobs is given twice"));
    }
}
