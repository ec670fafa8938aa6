namespace Kiln.Targets.CommandLine;

/// <summary>What the user asked for: targets, engine switches, and raw parameter values by <c>--kebab-case</c> name.</summary>
internal sealed record CommandLineArguments(
    IReadOnlyList<string> Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters)
{
    public bool Help { get; init; }
    public bool List { get; init; }
    public bool GenerateConfiguration { get; init; }

    /// <summary><c>--plan</c> prints the plan as text, <c>--plan=mermaid</c> as a Mermaid graph.</summary>
    public string? Plan { get; init; }

    /// <summary>Null without <c>--skip</c>; empty with a bare <c>--skip</c> (skip everything not requested).</summary>
    public IReadOnlyList<string>? Skip { get; init; }

    public string? Profile { get; init; }

    /// <summary>Engine switches that take no value.</summary>
    public static readonly IReadOnlySet<string> Switches = new HashSet<string> { "help", "list", "plan", "generate-configuration" };

    /// <summary>Engine options; everything else after <c>--</c> is a parameter.</summary>
    public static readonly IReadOnlySet<string> EngineOptions = new HashSet<string>(Switches) { "skip", "profile" };

    /// <summary>
    /// Positional words are targets; <c>--name v1 v2</c> or <c>--name=v</c> give a parameter its values. A switch
    /// (an engine switch, or a boolean parameter per <paramref name="isBooleanParameter"/>) takes a value only in the
    /// <c>--name=value</c> form, so <c>--plan Test</c> plans the target Test.
    /// </summary>
    public static CommandLineArguments Parse(IReadOnlyList<string> args, Func<string, bool> isBooleanParameter)
    {
        var targets = new List<string>();
        var options = new Dictionary<string, List<string>>();
        string? current = null;
        foreach (var arg in args)
        {
            if (arg is "-h" or "-?" or "/?")
            {
                options["help"] = [];
                current = null;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var (name, value) = SplitOption(arg[2..]);
                if (options.ContainsKey(name))
                    throw new CommandLineException($"Option --{name} is given twice.");
                options[name] = value is null ? [] : [value];
                current = value is null && !Switches.Contains(name) && !isBooleanParameter(name) ? name : null;
            }
            else if (current is not null)
            {
                options[current].Add(arg);
            }
            else
            {
                targets.Add(arg);
            }
        }

        return new CommandLineArguments(
            targets,
            options.Where(o => !EngineOptions.Contains(o.Key)).ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value))
        {
            Help = options.ContainsKey("help"),
            List = options.ContainsKey("list"),
            GenerateConfiguration = options.ContainsKey("generate-configuration"),
            Plan = options.TryGetValue("plan", out var plan) ? plan.FirstOrDefault() ?? "text" : null,
            Skip = options.TryGetValue("skip", out var skip)
                ? skip.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
                : null,
            Profile = options.TryGetValue("profile", out var profile)
                ? profile.SingleOrDefault() ?? throw new CommandLineException("Option --profile needs one profile name.")
                : null,
        };
    }

    private static (string Name, string? Value) SplitOption(string option)
    {
        var equals = option.IndexOf('=');
        return equals < 0 ? (option.ToLowerInvariant(), null) : (option[..equals].ToLowerInvariant(), option[(equals + 1)..]);
    }
}
