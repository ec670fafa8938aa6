using System.Reflection;

namespace Kiln.Targets.Execution;

/// <summary>
/// One <see cref="Target"/> property a build runs: declared on the build class (or a base class), or a default member of a
/// component interface the class implements. <see cref="DeclaredBy"/> names the type whose definition runs, for error messages.
/// </summary>
internal sealed record TargetDeclaration(string Name, PropertyInfo Property, string DeclaredBy)
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The delegate the build answers for this target: an interface property dispatches to the class's own implementation.</summary>
    public Target Read(object build) => (Target)Property.GetValue(build)!;

    /// <summary>
    /// Class targets first (base classes first, declaration order; an override takes its base's place), then the interface
    /// targets the class does not implement itself, or implements explicitly (<c>Target ICompile.Compile => ...</c>),
    /// base components first.
    /// </summary>
    public static IReadOnlyList<TargetDeclaration> Of(Type buildType)
    {
        var hierarchy = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            hierarchy.Insert(0, type);

        var declarations = new List<TargetDeclaration>();
        var classTargets = new Dictionary<MethodInfo, int>();
        foreach (var property in hierarchy.SelectMany(type => type.GetProperties(Members).OrderBy(p => p.MetadataToken)).Where(IsTarget))
        {
            if (IsExplicitImplementation(property))
                continue;
            var declaration = new TargetDeclaration(property.Name, property, property.DeclaringType!.Name);
            if (classTargets.TryGetValue(property.GetMethod!.GetBaseDefinition(), out var overridden))
                declarations[overridden] = declaration;
            else
            {
                classTargets[property.GetMethod!.GetBaseDefinition()] = declarations.Count;
                declarations.Add(declaration);
            }
        }

        foreach (var component in ComponentTypes.Of(buildType))
        {
            var map = buildType.GetInterfaceMap(component);
            foreach (var property in component.GetProperties(Members).OrderBy(p => p.MetadataToken).Where(IsTarget))
            {
                var implementation = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, property.GetMethod)];
                var implementedByClass = !implementation.DeclaringType!.IsInterface;
                if (implementedByClass && !implementation.Name.Contains('.'))
                    continue; // a public class property of the same name implements it, and is listed above
                var declaredBy = implementedByClass ? $"{implementation.DeclaringType.Name} (as {component.Name}.{property.Name})" : implementation.DeclaringType.Name;
                declarations.Add(new TargetDeclaration(property.Name, property, declaredBy));
            }
        }

        return declarations;
    }

    private static bool IsTarget(PropertyInfo property) =>
        property.PropertyType == typeof(Target) && property.GetIndexParameters().Length == 0 && property.GetMethod is not null;

    /// <summary><c>Target ICompile.Compile => ...</c> compiles to a private property named <c>Namespace.ICompile.Compile</c>.</summary>
    private static bool IsExplicitImplementation(PropertyInfo property) => property.Name.Contains('.');
}
