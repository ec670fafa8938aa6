using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>The fluent surface a target's lambda configures, in NUKE's idiom.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>These targets run before this one and are scheduled whenever this one is.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target runs before those and is scheduled whenever they are.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>When both are scheduled, this target runs after those; it does not schedule them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>When both are scheduled, this target runs before those; it does not schedule them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Scheduling this target schedules those to run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Scheduling any of those schedules this target to run after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>
    /// The relations above, naming targets of a component the build implements: <c>DependsOn&lt;ICompile&gt;(x => x.Compile)</c>.
    /// A class cannot name an interface's default member as <c>Compile</c>, so it names it through the interface, as in NUKE.
    /// </summary>
    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    /// <inheritdoc cref="DependsOn{T}"/>
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    /// <inheritdoc cref="DependsOn{T}"/>
    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    /// <inheritdoc cref="DependsOn{T}"/>
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    /// <inheritdoc cref="DependsOn{T}"/>
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    /// <inheritdoc cref="DependsOn{T}"/>
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>
    /// Applies the definition <typeparamref name="T"/> itself gives <paramref name="target"/> (its description, relations,
    /// conditions and actions, in order), so an implementation extends it rather than copying it:
    /// <c>Target ICompile.Compile => _ => _.Inherit&lt;ICompile&gt;(x => x.Compile).Executes(...)</c>. <typeparamref name="T"/>
    /// is a component interface (its default member runs, though the build implements the target again) or a base class
    /// (its virtual target runs, as <c>base.Compile(_)</c> would). NUKE's <c>Inherit</c>; it replaces <c>Base()</c>.
    /// </summary>
    ITargetDefinition Inherit<T>(Expression<Func<T, Target>> target);

    /// <summary>Evaluated before anything runs; when false the target is skipped and the condition's text is the reason.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? reason = null);

    /// <summary>Evaluated right before the target runs, after its dependencies; when false it is skipped.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? reason = null);

    /// <summary>Like <see cref="OnlyWhenDynamic(Func{bool}, string?)"/>, with a reason computed when the target is skipped.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, Func<string> reason);

    /// <summary>
    /// An asynchronous condition, awaited right before the target runs with the build's cancellation token; a condition
    /// that needs I/O (asking the Docker Engine, reading the cache) never blocks a thread on it.
    /// </summary>
    ITargetDefinition OnlyWhenDynamic(Func<CancellationToken, Task<bool>> condition, Func<string> reason);

    /// <summary>The build fails before anything runs when the parameter is not set: <c>Requires(() => ApiKey)</c>.</summary>
    ITargetDefinition Requires(Func<object?> parameter, [CallerArgumentExpression(nameof(parameter))] string? expression = null);

    /// <summary>What happens to dependencies that only this target needs when it is skipped by a static condition.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    /// <summary>A failure of this target fails the build but lets the targets that do not depend on it run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after an earlier target failed (clean-up, reports).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c>, <c>--list</c> and the generated IDE configurations.</summary>
    ITargetDefinition Unlisted();

    /// <summary>
    /// Declares what the target's result is made of. A target with declarations is <c>UpToDate</c>, and does not run,
    /// when its inputs and its outputs' contents are those of its last successful run. Evaluated right before the target
    /// would run, after its dependencies: an input they produce (a tools key) is there. May be called more than once.
    /// </summary>
    ITargetDefinition Inputs(Func<TargetInputs> inputs);

    /// <summary>Like <see cref="Inputs(Func{TargetInputs})"/>, for inputs that take I/O to find (asking git, the SDK, a cache).</summary>
    ITargetDefinition Inputs(Func<CancellationToken, Task<TargetInputs>> inputs);

    /// <summary>
    /// The files and directories the target writes; edited, added or deleted by hand, they make it run again. Evaluated
    /// before and after the target runs.
    /// </summary>
    ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Action<TargetContext> action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<TargetContext, Task> action);
}
