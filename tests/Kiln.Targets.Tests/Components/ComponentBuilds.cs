namespace Kiln.Targets.Tests.Components;

/// <summary>Records what ran into the build that composes it, so components need no state of their own.</summary>
internal interface IRecording : IKilnBuild
{
    List<string> Ran { get; }

    Action Record(string name) => () => Ran.Add(name);
}

/// <summary>A component with two targets, one depending on the other, and a parameter.</summary>
internal interface ICompileComponent : IRecording
{
    [Parameter("Configuration to compile")]
    string Configuration => ParameterValue(nameof(Configuration), "Release");

    Target Restore => _ => _.Description("Restores packages").Executes(Record(nameof(Restore)));

    Target Compile => _ => _
        .Description("Compiles")
        .DependsOn(Restore)
        .Executes(() => Ran.Add($"{nameof(Compile)} {Configuration}"));
}

/// <summary>A component that needs a target the build class provides, declared abstract.</summary>
internal interface IPackComponent : IRecording
{
    Target Publish { get; }

    Target Pack => _ => _.DependsOn(Publish).Executes(Record(nameof(Pack)));
}

/// <summary>A second component that also defines Compile.</summary>
internal interface IOtherCompileComponent : IRecording
{
    Target Compile => _ => _.Executes(Record("other compile"));
}

internal abstract class ComponentBuild : KilnBuild, IRecording
{
    public List<string> Ran { get; } = [];
}

/// <summary>Composes the components and adds its own targets around them.</summary>
internal sealed class ComposedBuild : ComponentBuild, ICompileComponent, IPackComponent
{
    public Target Publish => _ => _.DependsOn<ICompileComponent>(x => x.Compile).Executes(((IRecording)this).Record(nameof(Publish)));

    public Target Dist => _ => _.DependsOn<IPackComponent>(x => x.Pack).Executes(((IRecording)this).Record(nameof(Dist)));
}

/// <summary>Implements a component's target again, extending the component's own definition with one more step.</summary>
internal sealed class ExtendingBuild : ComponentBuild, ICompileComponent
{
    Target ICompileComponent.Compile => _ => _
        .Inherit<ICompileComponent>(x => x.Compile)
        .Executes(((IRecording)this).Record("Analyze"));
}

/// <summary>Implements a component's target again with a definition of its own.</summary>
internal sealed class ReplacingBuild : ComponentBuild, ICompileComponent
{
    public Target Compile => _ => _.Executes(((IRecording)this).Record("replaced compile"));
}

internal class BaseClassBuild : ComponentBuild
{
    public virtual Target Compile => _ => _.Description("Compiles the base way").Executes(((IRecording)this).Record(nameof(Compile)));
}

/// <summary>Overrides a class target, extending the base class's definition.</summary>
internal sealed class OverridingBuild : BaseClassBuild
{
    public Target Lint => _ => _.Executes(((IRecording)this).Record(nameof(Lint)));

    public override Target Compile => _ => _.Inherit<BaseClassBuild>(x => x.Compile).DependsOn(Lint).Executes(((IRecording)this).Record("Sign"));
}

/// <summary>Two components define Compile, and two class targets need each other.</summary>
internal sealed class CollidingBuild : ComponentBuild, ICompileComponent, IOtherCompileComponent
{
    public Target Dist => _ => _.DependsOn(Lint);

    public Target Lint => _ => _.DependsOn(Dist);
}

/// <summary>Names a component it does not implement.</summary>
internal sealed class UncomposedBuild : ComponentBuild
{
    public Target Dist => _ => _.DependsOn<IPackComponent>(x => x.Pack);
}

/// <summary>A component deriving from another.</summary>
internal interface ITestComponent : ICompileComponent
{
    Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));
}

/// <summary>Names only the derived component.</summary>
internal sealed class DerivedComponentBuild : ComponentBuild, ITestComponent;
