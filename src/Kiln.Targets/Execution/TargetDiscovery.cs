using System.Reflection;
using Kiln.Targets.Planning;

namespace Kiln.Targets.Execution;

/// <summary>
/// Finds the build's <see cref="Target"/> properties, on its class and on the components it implements
/// (<see cref="TargetDeclaration"/>), and runs each lambda once. Reflection stays here; everything after works on names.
/// </summary>
internal static class TargetDiscovery
{
    public static IReadOnlyList<DiscoveredTarget> Discover(object build)
    {
        var delegates = TargetDeclaration.Of(build.GetType()).Select(d => (Declaration: d, Delegate: d.Read(build))).ToList();
        var names = new Dictionary<MethodInfo, string>();
        foreach (var (declaration, target) in delegates)
            names.TryAdd(target.Method, declaration.Name);

        return delegates.Select(x =>
        {
            var definition = new TargetDefinition(x.Declaration.Name, build);
            x.Delegate(definition);
            return new DiscoveredTarget(definition, ToSpec(definition, names) with { DeclaredBy = x.Declaration.DeclaredBy });
        }).ToList();
    }

    /// <summary>The name of the target a delegate stands for, e.g. the default target given to <c>Execute</c>.</summary>
    public static string NameOf(object build, Target target) =>
        TargetDeclaration.Of(build.GetType()).FirstOrDefault(d => d.Read(build).Method == target.Method)?.Name
        ?? throw new InvalidOperationException($"'{target.Method.Name}' is not a Target property of {build.GetType().Name}.");

    private static TargetSpec ToSpec(TargetDefinition definition, IReadOnlyDictionary<MethodInfo, string> names)
    {
        // A delegate that is not a Target property of this build (a field, a component not mixed in) keeps its method
        // name, and the planner reports it as a target that is not defined.
        IReadOnlyList<string> Names(List<Target> targets) =>
            targets.Select(t => names.TryGetValue(t.Method, out var name) ? name : t.Method.Name).ToList();

        return new TargetSpec(definition.Name)
        {
            DependsOn = Names(definition.DependsOnTargets),
            DependentFor = Names(definition.DependentForTargets),
            After = Names(definition.AfterTargets),
            Before = Names(definition.BeforeTargets),
            Triggers = Names(definition.TriggersTargets),
            TriggeredBy = Names(definition.TriggeredByTargets),
            WhenSkipped = definition.DependencyBehavior,
        };
    }
}
