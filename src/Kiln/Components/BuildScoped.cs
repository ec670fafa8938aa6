using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Kiln.Targets;

namespace Kiln.Components;

/// <summary>
/// One instance of a type per build, made on first use: a component is an interface, with no field to keep the workflow
/// its targets share, so it keeps it here, beside the build and collected with it.
/// </summary>
internal static class BuildScoped
{
    private static readonly ConditionalWeakTable<IKilnBuild, ConcurrentDictionary<Type, object>> Instances = new();

    public static T Once<T>(IKilnBuild build, Func<T> create)
        where T : class =>
        (T)Instances.GetOrCreateValue(build).GetOrAdd(typeof(T), _ => create());
}
