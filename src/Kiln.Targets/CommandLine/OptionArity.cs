namespace Kiln.Targets.CommandLine;

/// <summary>How many of the words after <c>--name</c> an option takes; the next word it does not take is a target.</summary>
internal enum OptionArity
{
    /// <summary>None: a switch or a boolean parameter, which takes a value only as <c>--name=value</c>.</summary>
    Switch,

    /// <summary>Exactly one: a scalar parameter (<c>--executor local</c>).</summary>
    One,

    /// <summary>Every word up to the next option: an array parameter (<c>--arch x86_64 aarch64</c>) or <c>--skip</c>.</summary>
    Many,
}
