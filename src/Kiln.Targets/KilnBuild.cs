using Kiln.Targets.Execution;
using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>
/// Base class of a build: <c>class Build : KilnBuild { static int Main() => Execute&lt;Build&gt;(x => x.Dist); }</c>.
/// Targets are <see cref="Target"/> properties, inputs are <see cref="ParameterAttribute"/> members; both may also come
/// from the components (interfaces deriving from <see cref="IKilnBuild"/>) the class implements.
/// </summary>
public abstract class KilnBuild : IKilnBuild
{
    private readonly Dictionary<string, object?> _componentParameterValues = [];
    private TextWriter _log = Console.Out;

    /// <summary>The folder that holds <c>.nuke/</c>.</summary>
    public AbsolutePath RootDirectory { get; internal set; } = new(Directory.GetCurrentDirectory());

    /// <summary><c>.nuke/temp</c>: logs, stamps and caches that are never committed.</summary>
    public AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True under a CI service (<c>CI</c> is set, as GitHub Actions and most services do).</summary>
    public bool IsServerBuild { get; internal set; }

    /// <summary>
    /// True when <see cref="Log"/> is a terminal a person watches (not redirected, no <c>NO_COLOR</c>, not under CI):
    /// components may then redraw live progress in place instead of printing a line per event.
    /// </summary>
    public bool IsInteractive { get; internal set; }

    /// <summary>
    /// The targets named on the command line, in the order named, or the default target when none was: what the user
    /// asked for, as NUKE's <c>InvokedTargets</c>. Neither the targets these pull in nor those <c>--skip</c> names are in
    /// it; a named target stays in it even when <c>--skip</c> names it too. Set before <see cref="OnBuildInitialized"/>.
    /// </summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>
    /// The build's own prefix of parameter environment variables: with <c>KILN</c>, <c>KILN_TOOLS_CACHE_DIR</c> sets
    /// <c>ToolsCacheDir</c> and wins over <c>TOOLS_CACHE_DIR</c> and <c>NUKE_TOOLS_CACHE_DIR</c>. It names the product,
    /// so the engine has none of its own; null reads only the exact, bare and NUKE spellings.
    /// </summary>
    public virtual string? ParameterPrefix => null;

    /// <summary>
    /// What the generated workflows take from the bound build rather than from <see cref="GitHubActionsAttribute"/>:
    /// values that follow the build's parameters, which an attribute cannot read.
    /// </summary>
    public virtual GitHubActionsSettings WorkflowSettings => new();

    /// <summary>How the parameter <paramref name="name"/> is spelled on the command line and in the environment.</summary>
    public ParameterName ParameterNamed(string name) => new(name, ParameterPrefix);

    /// <summary>Where targets and the components they drive write progress.</summary>
    public TextWriter Log => _log;

    /// <summary>Runs the build with the process's arguments; <paramref name="defaultTarget"/> runs when none is named.</summary>
    protected static int Execute<T>(Func<T, Target> defaultTarget)
        where T : KilnBuild, new()
    {
        var build = new T();
        return BuildHost.Run(build, b => defaultTarget((T)b), Environment.GetCommandLineArgs().Skip(1).ToList());
    }

    /// <summary>Called once parameters are bound and before the plan runs.</summary>
    protected internal virtual void OnBuildInitialized()
    {
    }

    T IKilnBuild.ParameterValue<T>(string member, T unset) =>
        _componentParameterValues.TryGetValue(member, out var value) && value is T bound ? bound : unset;

    internal void UseLog(TextWriter log) => _log = log;

    /// <summary>Binds a parameter a component declares; its property reads it back through <see cref="IKilnBuild.ParameterValue{T}"/>.</summary>
    internal void BindComponentParameter(string member, object? value) => _componentParameterValues[member] = value;
}
