using Kiln.Targets.Planning;

namespace Kiln.Targets.Tests;

public class PlannerTests
{
    [Test]
    public void Dependencies_run_before_the_target_that_needs_them()
    {
        var targets = new[] { new TargetSpec("Dist") { DependsOn = ["Compile"] }, new TargetSpec("Compile") { DependsOn = ["Restore"] }, new TargetSpec("Restore") };

        var plan = ExecutionPlanner.Plan(targets, ["Dist"]);

        Assert.That(plan.Order, Is.EqualTo(new[] { "Restore", "Compile", "Dist" }));
    }

    [Test]
    public void Dependent_for_schedules_the_target_before_the_one_it_names()
    {
        var targets = new[] { new TargetSpec("Lint") { DependentFor = ["Compile"] }, new TargetSpec("Compile") };

        var plan = ExecutionPlanner.Plan(targets, ["Compile"]);

        Assert.That(plan.Order, Is.EqualTo(new[] { "Lint", "Compile" }));
    }

    [Test]
    public void Ordering_follows_declaration_order_between_independent_targets()
    {
        var targets = new[] { new TargetSpec("B"), new TargetSpec("A"), new TargetSpec("All") { DependsOn = ["A", "B"] } };

        var plan = ExecutionPlanner.Plan(targets, ["All"]);

        Assert.That(plan.Order, Is.EqualTo(new[] { "B", "A", "All" }));
    }

    [Test]
    public void After_orders_but_does_not_schedule()
    {
        var targets = new[] { new TargetSpec("Publish") { After = ["Test"] }, new TargetSpec("Test") };

        Assert.Multiple(() =>
        {
            Assert.That(ExecutionPlanner.Plan(targets, ["Publish"]).Order, Is.EqualTo(new[] { "Publish" }));
            Assert.That(ExecutionPlanner.Plan(targets, ["Publish", "Test"]).Order, Is.EqualTo(new[] { "Test", "Publish" }));
        });
    }

    [Test]
    public void Before_orders_but_does_not_schedule()
    {
        var targets = new[] { new TargetSpec("Compile"), new TargetSpec("Clean") { Before = ["Compile"] } };

        Assert.Multiple(() =>
        {
            Assert.That(ExecutionPlanner.Plan(targets, ["Compile"]).Order, Is.EqualTo(new[] { "Compile" }));
            Assert.That(ExecutionPlanner.Plan(targets, ["Compile", "Clean"]).Order, Is.EqualTo(new[] { "Clean", "Compile" }));
        });
    }

    [Test]
    public void Triggers_schedule_the_triggered_target_after_the_trigger()
    {
        var targets = new[] { new TargetSpec("Manifest"), new TargetSpec("Dist") { Triggers = ["Manifest"] } };

        var plan = ExecutionPlanner.Plan(targets, ["Dist"]);

        Assert.That(plan.Order, Is.EqualTo(new[] { "Dist", "Manifest" }));
    }

    [Test]
    public void Triggered_by_schedules_the_target_after_its_trigger()
    {
        var targets = new[] { new TargetSpec("Checksums") { TriggeredBy = ["Dist"] }, new TargetSpec("Dist") };

        var plan = ExecutionPlanner.Plan(targets, ["Dist"]);

        Assert.That(plan.Order, Is.EqualTo(new[] { "Dist", "Checksums" }));
    }

    [Test]
    public void Cycles_are_reported_with_their_path()
    {
        var targets = new[] { new TargetSpec("A") { DependsOn = ["B"] }, new TargetSpec("B") { DependsOn = ["C"] }, new TargetSpec("C") { DependsOn = ["A"] } };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["A"]))!;

        Assert.That(error.Errors, Is.EqualTo(new[] { "Cycle: A -> B -> C -> A" }));
    }

    [Test]
    public void Cycles_are_all_reported_even_outside_the_requested_targets()
    {
        var targets = new[]
        {
            new TargetSpec("A") { DependsOn = ["B"] }, new TargetSpec("B") { DependsOn = ["A"] },
            new TargetSpec("X") { After = ["Y"] }, new TargetSpec("Y") { After = ["X"] }, new TargetSpec("Z"),
        };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["Z"]))!;

        Assert.That(error.Errors, Is.EquivalentTo(new[] { "Cycle: A -> B -> A", "Cycle: X -> Y -> X" }));
    }

    [Test]
    public void A_target_depending_on_itself_is_a_cycle()
    {
        var targets = new[] { new TargetSpec("A") { DependsOn = ["A"] } };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["A"]))!;

        Assert.That(error.Errors, Is.EqualTo(new[] { "Cycle: A -> A" }));
    }

    [Test]
    public void Unknown_target_suggests_the_closest_names()
    {
        var targets = new[] { new TargetSpec("Test"), new TargetSpec("Dist") };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["Tset"]))!;

        Assert.That(error.Errors.Single(), Does.Contain("Unknown target 'Tset'").And.Contain("Did you mean 'Test'"));
    }

    [Test]
    public void Missing_dependency_names_both_targets()
    {
        var targets = new[] { new TargetSpec("Dist") { DependsOn = ["Tools"] } };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["Dist"]))!;

        Assert.That(error.Errors.Single(), Is.EqualTo("Target 'Dist' depends on 'Tools', which is not defined."));
    }

    [Test]
    public void All_graph_errors_are_reported_together()
    {
        var targets = new[] { new TargetSpec("A") { DependsOn = ["B", "Missing"] }, new TargetSpec("B") { DependsOn = ["A"] } };

        var error = Assert.Throws<PlanningException>(() => ExecutionPlanner.Plan(targets, ["A", "Nope"]))!;

        Assert.That(error.Errors, Has.Count.EqualTo(3));
    }

    [Test]
    public void Skipping_cascades_to_dependencies_only_the_skipped_target_needs()
    {
        var targets = new[]
        {
            new TargetSpec("Restore"), new TargetSpec("Image") { DependsOn = ["Restore"] },
            new TargetSpec("Tools") { DependsOn = ["Image", "Restore"] }, new TargetSpec("Dist") { DependsOn = ["Tools", "Restore"] },
        };
        var plan = ExecutionPlanner.Plan(targets, ["Dist"]);

        var skipped = ExecutionPlanner.CascadeSkips(targets, plan, ["Dist"], new Dictionary<string, string> { ["Tools"] = "cache hit" });

        Assert.That(skipped.Keys, Is.EquivalentTo(new[] { "Tools", "Image" }));
    }

    [Test]
    public void Skipping_does_not_cascade_when_the_target_asks_its_dependencies_to_run()
    {
        var targets = new[] { new TargetSpec("Image"), new TargetSpec("Tools") { DependsOn = ["Image"], WhenSkipped = DependencyBehavior.Execute } };
        var plan = ExecutionPlanner.Plan(targets, ["Tools"]);

        var skipped = ExecutionPlanner.CascadeSkips(targets, plan, ["Tools"], new Dictionary<string, string> { ["Tools"] = "off" });

        Assert.That(skipped.Keys, Is.EquivalentTo(new[] { "Tools" }));
    }

    [Test]
    public void Skipping_never_cascades_to_a_requested_target()
    {
        var targets = new[] { new TargetSpec("Image"), new TargetSpec("Tools") { DependsOn = ["Image"] } };
        var plan = ExecutionPlanner.Plan(targets, ["Tools", "Image"]);

        var skipped = ExecutionPlanner.CascadeSkips(targets, plan, ["Tools", "Image"], new Dictionary<string, string> { ["Tools"] = "off" });

        Assert.That(skipped.Keys, Is.EquivalentTo(new[] { "Tools" }));
    }
}
