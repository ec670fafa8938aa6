namespace Kiln.Targets;

/// <summary>The component interfaces a build class implements, in the order their targets and parameters are listed.</summary>
internal static class ComponentTypes
{
    /// <summary>
    /// The components in the order the runtime lists them, each after the interfaces it derives from: <c>ICompile</c>'s
    /// targets come before those of <c>ITest : ICompile</c>, as a base class's do before its subclass's.
    /// </summary>
    public static IReadOnlyList<Type> Of(Type buildType)
    {
        var ordered = new List<Type>();
        void Visit(Type component)
        {
            if (ordered.Contains(component))
                return;
            foreach (var baseComponent in component.GetInterfaces())
                Visit(baseComponent);
            ordered.Add(component);
        }

        foreach (var component in buildType.GetInterfaces())
            Visit(component);
        return ordered;
    }
}
