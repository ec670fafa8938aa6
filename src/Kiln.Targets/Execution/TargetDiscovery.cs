using System.Reflection;
using Kiln.Targets.Planning;

namespace Kiln.Targets.Execution;

/// <summary>
/// Finds the build's <see cref="Target"/> properties (base classes first, declaration order) and runs each lambda once.
/// Reflection stays here; everything after works on names.
/// </summary>
internal static class TargetDiscovery
{
    public static IReadOnlyList<DiscoveredTarget> Discover(object build)
    {
        var properties = TargetProperties(build.GetType());
        var delegates = properties.Select(p => (Property: p, Delegate: (Target)p.GetValue(build)!)).ToList();
        var names = new Dictionary<MethodInfo, string>();
        foreach (var (property, target) in delegates)
            names.TryAdd(target.Method, property.Name);

        return delegates.Select(x =>
        {
            var definition = new TargetDefinition(x.Property.Name);
            x.Delegate(definition);
            return new DiscoveredTarget(definition, ToSpec(definition, names));
        }).ToList();
    }

    /// <summary>The name of the target a delegate stands for, e.g. the default target given to <c>Execute</c>.</summary>
    public static string NameOf(object build, Target target) =>
        TargetProperties(build.GetType()).FirstOrDefault(p => ((Target)p.GetValue(build)!).Method == target.Method)?.Name
        ?? throw new InvalidOperationException($"'{target.Method.Name}' is not a Target property of {build.GetType().Name}.");

    private static List<PropertyInfo> TargetProperties(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var hierarchy = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            hierarchy.Insert(0, type);
        return hierarchy
            .SelectMany(type => type.GetProperties(flags).OrderBy(p => p.MetadataToken))
            .Where(p => p.PropertyType == typeof(Target) && p.GetIndexParameters().Length == 0)
            .ToList();
    }

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
