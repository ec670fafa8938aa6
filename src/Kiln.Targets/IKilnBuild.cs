using Kiln.Targets.Foundation;

namespace Kiln.Targets;

/// <summary>
/// What a component sees of the build it is part of, as NUKE's <c>INukeBuild</c>. A component is an interface deriving
/// from this one whose targets are default members (<c>Target Compile => _ => _.Executes(...)</c>) and whose settings are
/// members the build class may implement again; the build class composes it by implementing it. <see cref="KilnBuild"/>
/// implements this interface, so every build is one.
/// </summary>
public interface IKilnBuild
{
    /// <summary>The folder that holds <c>.nuke/</c>.</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary><c>.nuke/temp</c>: logs, stamps and caches that are never committed.</summary>
    AbsolutePath TemporaryDirectory { get; }

    /// <summary>True under a CI service.</summary>
    bool IsServerBuild { get; }

    /// <summary>True when <see cref="Log"/> is a terminal a person watches.</summary>
    bool IsInteractive { get; }

    /// <summary>The targets named on the command line, or the default target when none was.</summary>
    IReadOnlyList<string> InvokedTargets { get; }

    /// <summary>Where targets and the components they drive write progress.</summary>
    TextWriter Log { get; }

    /// <summary>How the parameter <paramref name="name"/> is spelled on the command line and in the environment.</summary>
    ParameterName ParameterNamed(string name);

    /// <summary>
    /// The value bound to a <see cref="ParameterAttribute"/> property a component declares, or <paramref name="unset"/> when
    /// no command line, environment or parameters file gave one: an interface has no field to bind into, so its parameter
    /// reads <c>[Parameter("...")] string[] Arch => ParameterValue(nameof(Arch), new[] { "x86_64" });</c> (NUKE's <c>TryGetValue</c>).
    /// </summary>
    T ParameterValue<T>(string member, T unset);
}
