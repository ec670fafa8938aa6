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
    /// Positional words are targets; <c>--name v1 v2</c> or <c>--name=v</c> give an option its values. How many
    /// separate words an option takes is its <see cref="OptionArity"/> (per <paramref name="arityOfParameter"/> for a
    /// parameter): a switch none, so <c>--plan Test</c> plans the target Test; a scalar one, so <c>--executor local Dist</c>
    /// runs Dist; an array every word up to the next option, so a target after <c>--arch x86_64</c> is taken for an arch.
    /// </summary>
    public static CommandLineArguments Parse(IReadOnlyList<string> args, Func<string, OptionArity> arityOfParameter)
    {
        var targets = new List<string>();
        var options = new Dictionary<string, List<string>>();
        string? current = null;
        var currentArity = OptionArity.Switch;
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
                currentArity = ArityOf(name, arityOfParameter);
                current = value is null && currentArity != OptionArity.Switch ? name : null;
            }
            else if (current is not null)
            {
                options[current].Add(arg);
                if (currentArity == OptionArity.One)
                    current = null;
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

    private static OptionArity ArityOf(string name, Func<string, OptionArity> arityOfParameter) => name switch
    {
        "skip" => OptionArity.Many,
        "profile" => OptionArity.One,
        _ when Switches.Contains(name) => OptionArity.Switch,
        _ => arityOfParameter(name),
    };

    private static (string Name, string? Value) SplitOption(string option)
    {
        var equals = option.IndexOf('=');
        return equals < 0 ? (option.ToLowerInvariant(), null) : (option[..equals].ToLowerInvariant(), option[(equals + 1)..]);
    }
}
