using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;
using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>Reusing the definition a component or base class gives a target the build implements again.</summary>
internal sealed partial class TargetDefinition
{
    public ITargetDefinition Inherit<T>(Expression<Func<T, Target>> target)
    {
        if (target.Body is not MemberExpression { Member: PropertyInfo { GetMethod: { } getter } property })
            throw new BuildException($"Target '{Name}': Inherit<{typeof(T).Name}> takes a target property, as in x => x.{Name}; got {target.Body}.");
        if (getter.IsAbstract)
            throw new BuildException($"Target '{Name}' inherits {property.DeclaringType!.Name}.{property.Name}, which declares no definition to inherit.");
        // For a class the expression names the property where its virtual slot began; T's own override is the one meant.
        var declared = typeof(T).IsInterface ? getter : typeof(T).GetProperty(property.Name, typeof(Target))?.GetMethod ?? getter;
        var inherited = DeclaredDefinition(declared)(Component<T>()!);
        inherited(this);
        return this;
    }

    /// <summary>
    /// Calls the getter's own body, not the build's implementation of it: a virtual call would return the very target being
    /// defined and recurse. C# has no <c>base(ICompile).Compile</c>, so the non-virtual call is emitted, as a base call is.
    /// </summary>
    private static Func<object, Target> DeclaredDefinition(MethodInfo getter)
    {
        var method = new DynamicMethod($"Inherit_{getter.DeclaringType!.Name}_{getter.Name}", typeof(Target), [typeof(object)],
            typeof(TargetDefinition).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, getter.DeclaringType);
        il.Emit(OpCodes.Call, getter);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<object, Target>>();
    }
}
