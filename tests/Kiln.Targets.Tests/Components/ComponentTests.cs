using System.Text.Json;

namespace Kiln.Targets.Tests.Components;

public class ComponentTests
{
    [Test]
    public void A_component_target_runs_with_its_dependencies_when_a_class_target_needs_it()
    {
        var build = new ComposedBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ComposedBuild)b).Dist);

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore", "Compile Release", "Publish", "Pack", "Dist" }));
    }

    [Test]
    public void A_component_target_is_named_on_the_command_line_like_a_class_target()
    {
        var build = new ComposedBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ComposedBuild)b).Dist, "Compile");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore", "Compile Release" }));
    }

    [Test]
    public void A_component_target_depends_on_a_target_the_class_implements()
    {
        var build = new ComposedBuild();

        var (_, output) = BuildRun.Run(build, b => ((ComposedBuild)b).Dist, "Pack", "--plan");

        Assert.That(output, Does.Contain("1. Restore").And.Contain("2. Compile").And.Contain("3. Publish").And.Contain("4. Pack"));
    }

    [Test]
    public void A_component_target_is_the_default_target_when_the_build_names_it()
    {
        var build = new ComposedBuild();

        var (exitCode, _) = BuildRun.Run(build, b => ((ICompileComponent)b).Restore);

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore" }));
    }

    [Test]
    public void A_class_implementing_a_component_target_again_extends_the_inherited_definition()
    {
        var build = new ExtendingBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((ICompileComponent)b).Compile, "--help");
        BuildRun.Run(build, b => ((ICompileComponent)b).Compile);

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Compiles").And.Contain("-> Restore"));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Restore", "Compile Release", "Analyze" }));
    }

    [Test]
    public void A_class_implementing_a_component_target_again_without_inheriting_replaces_it()
    {
        var build = new ReplacingBuild();

        BuildRun.Run(build, b => ((ReplacingBuild)b).Compile);

        Assert.That(build.Ran, Is.EqualTo(new[] { "replaced compile" }));
    }

    [Test]
    public void A_class_overriding_a_base_class_target_extends_the_inherited_definition_once()
    {
        var build = new OverridingBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((OverridingBuild)b).Compile, "--list");
        BuildRun.Run(build, b => ((OverridingBuild)b).Compile);

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "Compile", "Lint" }));
        Assert.That(build.Ran, Is.EqualTo(new[] { "Lint", "Compile", "Sign" }));
    }

    [Test]
    public void Two_components_defining_one_target_are_reported_by_name_with_every_other_graph_error()
    {
        var build = new CollidingBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((CollidingBuild)b).Dist);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Target 'Compile' is defined 2 times, by ICompileComponent and IOtherCompileComponent"));
        Assert.That(output, Does.Contain("Cycle: "));
        Assert.That(build.Ran, Is.Empty);
    }

    [Test]
    public void Naming_a_target_of_a_component_the_build_does_not_implement_fails_naming_both()
    {
        var build = new UncomposedBuild();

        var (exitCode, output) = BuildRun.Run(build, b => ((UncomposedBuild)b).Dist);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("Target 'Dist' names a target of IPackComponent, which UncomposedBuild does not implement."));
    }

    [Test]
    public void A_component_parameter_is_bound_from_the_command_line_and_keeps_its_default_otherwise()
    {
        var bound = new ComposedBuild();
        var unset = new ComposedBuild();

        BuildRun.Run(bound, b => ((ICompileComponent)b).Compile, "--configuration", "Debug");
        BuildRun.Run(unset, b => ((ICompileComponent)b).Compile);

        Assert.That(bound.Ran, Does.Contain("Compile Debug"));
        Assert.That(unset.Ran, Does.Contain("Compile Release"));
    }

    [Test]
    public void A_component_s_targets_are_listed_after_those_of_the_components_it_derives_from()
    {
        var (_, output) = BuildRun.Run(new DerivedComponentBuild(), b => ((ITestComponent)b).Test, "--list");

        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[] { "Restore", "Compile", "Test" }));
    }

    [Test]
    public void Help_lists_component_targets_and_parameters()
    {
        var (_, output) = BuildRun.Run(new ComposedBuild(), b => ((ComposedBuild)b).Dist, "--help");

        Assert.That(output, Does.Contain("Restore").And.Contain("Compile").And.Contain("Pack").And.Contain("Dist (default)"));
        Assert.That(output, Does.Contain("--configuration").And.Contain("Configuration to compile").And.Contain("= Release"));
    }

    [Test]
    public void The_schema_and_the_ide_configurations_list_component_targets()
    {
        var root = BuildRun.NewRoot();

        var (exitCode, output) = BuildRun.Run(new ComposedBuild(), b => ((ComposedBuild)b).Dist, new Dictionary<string, string>(),
            ["--generate-configuration"], root: root);

        Assert.That(exitCode, Is.EqualTo(0), output);
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".nuke", "build.schema.json")));
        Assert.That(schema.RootElement.ToString(), Does.Contain("\"Pack\"").And.Contain("\"Restore\"").And.Contain("\"Configuration\""));
        Assert.That(File.Exists(Path.Combine(root, ".run", "Pack.run.xml")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(root, ".vscode", "launch.json")), Does.Contain("Compile"));
    }
}
