using Kiln.Targets.Foundation;
using Kiln.Targets.Incremental;

namespace Kiln.Targets;

/// <summary>What one target's lambda configured. Relations still hold delegates; discovery turns them into names.</summary>
internal sealed partial class TargetDefinition : ITargetDefinition
{
    /// <summary>The build the target belongs to: component relations and <see cref="Inherit{T}"/> read targets from it.</summary>
    private readonly object _build;

    public TargetDefinition(string name, object build)
    {
        Name = name;
        _build = build;
    }

    public string Name { get; }
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<TargetCondition> StaticConditions { get; } = [];
    public List<TargetCondition> DynamicConditions { get; } = [];
    public List<RequiredParameter> RequiredParameters { get; } = [];
    public DependencyBehavior DependencyBehavior { get; private set; } = DependencyBehavior.Skip;
    public bool ProceedsAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsListed { get; private set; } = true;
    public List<Func<TargetContext, Task>> Actions { get; } = [];
    public TargetDeclarations Declarations { get; } = new();

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);
    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));

    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => DependsOn(Of(targets));
    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => DependentFor(Of(targets));
    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => After(Of(targets));
    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Before(Of(targets));
    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Triggers(Of(targets));
    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => TriggeredBy(Of(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? reason = null) =>
        Set(() => StaticConditions.Add(TargetCondition.Of(condition, () => reason ?? "condition is false")));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? reason = null) =>
        Set(() => DynamicConditions.Add(TargetCondition.Of(condition, () => reason ?? "condition is false")));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, Func<string> reason) =>
        Set(() => DynamicConditions.Add(TargetCondition.Of(condition, reason)));

    public ITargetDefinition OnlyWhenDynamic(Func<CancellationToken, Task<bool>> condition, Func<string> reason) =>
        Set(() => DynamicConditions.Add(new TargetCondition(condition, reason)));

    public ITargetDefinition Requires(Func<object?> parameter, string? expression = null) =>
        Set(() => RequiredParameters.Add(new RequiredParameter(parameter, RequiredParameter.NameFrom(expression))));

    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior) => Set(() => DependencyBehavior = dependencyBehavior);
    public ITargetDefinition ProceedAfterFailure() => Set(() => ProceedsAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);
    public ITargetDefinition Unlisted() => Set(() => IsListed = false);

    public ITargetDefinition Inputs(Func<TargetInputs> inputs) => Inputs(_ => Task.FromResult(inputs()));
    public ITargetDefinition Inputs(Func<CancellationToken, Task<TargetInputs>> inputs) => Set(() => Declarations.Inputs.Add(inputs));
    public ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs) => Set(() => Declarations.Outputs.Add(outputs));

    public ITargetDefinition Executes(Action action) => Executes(_ => action());

    public ITargetDefinition Executes(Action<TargetContext> action) =>
        Executes(context =>
        {
            action(context);
            return Task.CompletedTask;
        });

    public ITargetDefinition Executes(Func<Task> action) => Executes(_ => action());
    public ITargetDefinition Executes(Func<TargetContext, Task> action) => Set(() => Actions.Add(action));

    private Target[] Of<T>(Func<T, Target>[] targets)
    {
        var component = Component<T>();
        return targets.Select(target => target(component)).ToArray();
    }

    private T Component<T>() => _build is T component
        ? component
        : throw new BuildException($"Target '{Name}' names a target of {typeof(T).Name}, which {_build.GetType().Name} does not implement.");

    private TargetDefinition Set(Action change)
    {
        change();
        return this;
    }
}

/// <summary>A condition and the text that explains a skip when it is false.</summary>
internal sealed record TargetCondition(Func<CancellationToken, Task<bool>> IsMetAsync, Func<string> Reason)
{
    public static TargetCondition Of(Func<bool> condition, Func<string> reason) => new(_ => Task.FromResult(condition()), reason);

    /// <summary>The first condition that is false, or null when every one holds; conditions are evaluated in declaration order.</summary>
    public static async Task<TargetCondition?> FirstUnmetAsync(IEnumerable<TargetCondition> conditions, CancellationToken cancellationToken)
    {
        foreach (var condition in conditions)
        {
            if (!await condition.IsMetAsync(cancellationToken))
                return condition;
        }

        return null;
    }
}

/// <summary>A parameter a target needs; <see cref="Name"/> is taken from the lambda's source text.</summary>
internal sealed record RequiredParameter(Func<object?> Value, string Name)
{
    public static string NameFrom(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
            return "parameter";
        var arrow = expression.IndexOf("=>", StringComparison.Ordinal);
        return (arrow < 0 ? expression : expression[(arrow + 2)..]).Trim();
    }

    public bool IsSet => Value() switch
    {
        null => false,
        string text => text.Length > 0,
        Array array => array.Length > 0,
        _ => true,
    };
}
