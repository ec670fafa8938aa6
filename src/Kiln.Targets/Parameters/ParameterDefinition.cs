using System.Reflection;
using Kiln.Targets.CommandLine;

namespace Kiln.Targets.Parameters;

/// <summary>
/// One <c>[Parameter]</c> member of the build class, or a property of a component interface it implements: an interface
/// has no storage, so that value is bound into the build and the property reads it with <see cref="IKilnBuild.ParameterValue{T}"/>.
/// </summary>
internal sealed record ParameterDefinition(MemberInfo Member, string Description, string? NameOverride = null)
{
    public string Name => NameOverride ?? Member.Name;

    /// <summary><c>ToolsCacheDir</c> -> <c>tools-cache-dir</c>.</summary>
    public string CommandLineName => ParameterNames.ToKebabCase(Name);

    public Type Type => Member switch
    {
        FieldInfo fieldInfo => fieldInfo.FieldType,
        PropertyInfo property => property.PropertyType,
        _ => throw new InvalidOperationException($"{Member.Name} is neither a field nor a property."),
    };

    /// <summary>How many separate words the option takes: none for a boolean, any number for an array, else one.</summary>
    public OptionArity Arity => (Nullable.GetUnderlyingType(Type) ?? Type) switch
    {
        var type when type == typeof(bool) => OptionArity.Switch,
        { IsArray: true } => OptionArity.Many,
        _ => OptionArity.One,
    };

    public object? GetValue(object build) => Member switch
    {
        FieldInfo fieldInfo => fieldInfo.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    /// <summary>Declared by a component interface rather than the build class.</summary>
    public bool IsComponentParameter => Member.DeclaringType!.IsInterface;

    public void SetValue(object build, object? value)
    {
        if (IsComponentParameter)
        {
            ((KilnBuild)build).BindComponentParameter(Member.Name, value);
            return;
        }

        switch (Member)
        {
            case FieldInfo fieldInfo:
                fieldInfo.SetValue(build, value);
                break;
            case PropertyInfo property:
                property.SetValue(build, value);
                break;
        }
    }

    /// <summary>
    /// The class's parameters (base classes first), then its components'. Components that declare the same parameter share
    /// it, as NUKE's do; the same name with another type, or on the class and a component, is an error naming both.
    /// </summary>
    public static IReadOnlyList<ParameterDefinition> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var hierarchy = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            hierarchy.Insert(0, type);
        var declared = hierarchy.Concat(ComponentTypes.Of(buildType))
            .SelectMany(type => type.GetMembers(flags | BindingFlags.DeclaredOnly))
            .Where(member => member is FieldInfo or PropertyInfo)
            .Select(member => (member, attribute: member.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.attribute is not null)
            .Select(x => new ParameterDefinition(x.member, x.attribute!.Description, x.attribute.Name))
            .ToList();

        var errors = declared.GroupBy(p => ParameterNames.Normalize(p.Name))
            .Where(g => g.Any(p => !p.IsComponentParameter) && g.Count() > 1 || g.Select(p => p.Type).Distinct().Count() > 1)
            .Select(g => $"Parameter '{g.First().Name}' is declared by {string.Join(" and ", g.Select(p => $"{p.Member.DeclaringType!.Name}.{p.Member.Name} ({p.Type.Name})"))}: " +
                         "one parameter, one declaration (or components sharing one name and type).")
            .ToList();
        if (errors.Count > 0)
            throw new ParameterException(errors);
        return declared.DistinctBy(p => ParameterNames.Normalize(p.Name)).ToList();
    }
}
