using System.Reflection;
using Kiln.Targets.CommandLine;

namespace Kiln.Targets.Parameters;

/// <summary>One <c>[Parameter]</c> member of the build class.</summary>
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

    public void SetValue(object build, object? value)
    {
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

    public static IReadOnlyList<ParameterDefinition> Discover(Type buildType)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var hierarchy = new List<Type>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
            hierarchy.Insert(0, type);
        return hierarchy
            .SelectMany(type => type.GetMembers(flags | BindingFlags.DeclaredOnly))
            .Where(member => member is FieldInfo or PropertyInfo)
            .Select(member => (member, attribute: member.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.attribute is not null)
            .Select(x => new ParameterDefinition(x.member, x.attribute!.Description, x.attribute.Name))
            .ToList();
    }
}
