using System.Collections;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Kiln.Targets.CommandLine;
using Kiln.Targets.Configuration;
using Kiln.Targets.Foundation;
using Kiln.Targets.Incremental;
using Kiln.Targets.Output;
using Kiln.Targets.Parameters;
using Kiln.Targets.Planning;
using Kiln.Targets.Results;

namespace Kiln.Targets.Execution;

/// <summary>From arguments to an exit code: parse, bind parameters, plan, check, run, summarise.</summary>
internal static class BuildHost
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Aborted = 130;

    public static int Run(KilnBuild build, Func<KilnBuild, Target> defaultTarget, IReadOnlyList<string> args)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C stops the running target cleanly; a second one ends the process at once.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });
        try
        {
            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
            var interactive = !Console.IsOutputRedirected && !environment.ContainsKey("NO_COLOR");
            var context = new BuildHostContext(args, environment, Console.Out, interactive, FindRoot(environment));
            return RunAsync(build, defaultTarget, context, cancellation.Token).GetAwaiter().GetResult();
        }
        catch (CommandLineException e)
        {
            Console.Error.WriteLine(e.Message);
            return UsageError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static async Task<int> RunAsync(KilnBuild build, Func<KilnBuild, Target> defaultTarget, BuildHostContext context,
        CancellationToken cancellationToken)
    {
        var githubActions = GitHubActions.Detect(context.Environment);
        var console = new BuildConsole(context.Output, context.Interactive, githubActions is not null);
        build.RootDirectory = new AbsolutePath(context.RootDirectory);
        build.IsServerBuild = GitHubActions.IsContinuousIntegration(context.Environment);
        build.IsInteractive = context.Interactive && !build.IsServerBuild;
        build.UseLog(console.Writer);

        IReadOnlyList<DiscoveredTarget> targets;
        try
        {
            targets = TargetDiscovery.Discover(build);
        }
        catch (BuildException e)
        {
            console.Errors("The build's targets cannot be read; nothing ran:", [e.Message]);
            return UsageError;
        }

        IReadOnlyList<ParameterDefinition> parameters;
        CommandLineArguments arguments;
        try
        {
            parameters = ParameterDefinition.Discover(build.GetType());
            var arities = parameters.DistinctBy(p => ParameterNames.Normalize(p.Name))
                .ToDictionary(p => ParameterNames.Normalize(p.Name), p => p.Arity);
            // An unknown option takes every word up to the next option, so its values are not mistaken for targets before it is reported.
            arguments = CommandLineArguments.Parse(context.Arguments,
                name => arities.GetValueOrDefault(ParameterNames.Normalize(name), OptionArity.Many));
            CheckParameterNames(arguments, parameters);
            var files = new List<string>();
            if (arguments.Profile is { } profile)
            {
                var profileFile = Path.Combine(context.RootDirectory, ".nuke", $"parameters.{profile}.json");
                if (!File.Exists(profileFile))
                    throw new CommandLineException($"Profile '{profile}' not found: {profileFile} does not exist.");
                files.Add(profileFile);
            }

            files.Add(Path.Combine(context.RootDirectory, ".nuke", "parameters.json"));
            var source = new ParameterValueSource(arguments.Parameters, context.Environment, files, build.ParameterPrefix);
            ParameterBinder.Bind(build, parameters, source, context.RootDirectory);
        }
        catch (Exception e) when (e is CommandLineException or ParameterException)
        {
            console.Errors("The command line cannot be used:", e is ParameterException p ? p.Errors : [e.Message]);
            return UsageError;
        }

        var defaultName = TargetDiscovery.NameOf(build, defaultTarget(build));
        if (arguments.Help)
        {
            HelpText.Write(console, targets, defaultName, parameters, build);
            return Success;
        }

        if (arguments.List)
        {
            foreach (var target in targets.Where(t => t.Definition.IsListed))
                console.WriteLine(target.Name);
            return Success;
        }

        try
        {
            var model = BuildModelFactory.Create(build, targets, parameters, defaultName);
            GeneratedFiles.Synchronize(context.RootDirectory, model, build.IsServerBuild && !arguments.GenerateConfiguration, console.Writer);
            if (arguments.GenerateConfiguration)
                return Success;
        }
        catch (StaleGeneratedFilesException e)
        {
            console.Errors("Generated files are out of date with the build code (run ./build.sh --generate-configuration and commit):", [e.Message]);
            return Failure;
        }
        catch (InvalidBuildConfigurationException e)
        {
            console.Errors("The build's configuration attributes are invalid:", e.Errors);
            return UsageError;
        }

        var requested = arguments.Targets.Count > 0 ? arguments.Targets : [defaultName];
        var byName = targets.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var specs = targets.Select(t => t.Spec).ToList();
        ExecutionPlan plan;
        Dictionary<string, string> skipped;
        try
        {
            plan = ExecutionPlanner.Plan(specs, requested);
            skipped = SkippedByCommandLine(arguments, plan, requested, byName.Keys);
        }
        catch (PlanningException e)
        {
            console.Errors("The build cannot be planned; nothing ran:", e.Errors);
            return UsageError;
        }

        build.InvokedTargets = requested;

        if (arguments.Plan is { } format)
        {
            console.WriteLine(PlanText.Render(plan, ExecutionPlanner.CascadeSkips(specs, plan, requested, skipped), format));
            return Success;
        }

        var missing = plan.Order.Where(n => !skipped.ContainsKey(n))
            .SelectMany(n => byName[n].Definition.RequiredParameters.Where(r => !r.IsSet).Select(r => $"Target '{n}' requires parameter '{r.Name}' (--{ParameterNames.ToKebabCase(r.Name)}), which is not set."))
            .ToList();
        if (missing.Count > 0)
        {
            console.Errors("Required parameters are missing; nothing ran:", missing);
            return UsageError;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            build.OnBuildInitialized();
            foreach (var name in plan.Order.Where(n => !skipped.ContainsKey(n)))
            {
                var unmet = await TargetCondition.FirstUnmetAsync(byName[name].Definition.StaticConditions, cancellationToken);
                if (unmet is not null)
                    skipped[name] = unmet.Reason();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Errors("The build cannot start:", [BuildConsole.Describe(e)]);
            return Failure;
        }

        var allSkipped = ExecutionPlanner.CascadeSkips(specs, plan, requested, skipped);
        var results = await new TargetRunner(console, new TargetRecords(build.RootDirectory, build.TemporaryDirectory / "targets")).RunAsync(byName, plan, allSkipped, cancellationToken);
        var total = stopwatch.Elapsed;
        console.Summary(results, total);
        githubActions?.AppendToStepSummary(TargetSummaryMarkdown.Render(requested, results, total));
        if (results.Any(r => r.Status == TargetStatus.Aborted) || cancellationToken.IsCancellationRequested)
            return Aborted;
        return results.Any(r => r.Status == TargetStatus.Failed) ? Failure : Success;
    }

    private static Dictionary<string, string> SkippedByCommandLine(CommandLineArguments arguments, ExecutionPlan plan,
        IReadOnlyList<string> requested, IEnumerable<string> known)
    {
        if (arguments.Skip is not { } skip)
            return [];
        if (skip.Count == 0)
            return plan.Order.Where(n => !requested.Contains(n)).ToDictionary(n => n, _ => "--skip");
        var unknown = skip.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new PlanningException(unknown.Select(n => $"--skip names unknown target '{n}'.{NameSuggestions.DidYouMean(n, known)}").ToList());
        return skip.Where(plan.Contains).Distinct().ToDictionary(n => n, _ => "--skip");
    }

    private static void CheckParameterNames(CommandLineArguments arguments, IReadOnlyList<ParameterDefinition> parameters)
    {
        var known = parameters.Select(p => ParameterNames.Normalize(p.Name)).ToHashSet();
        var unknown = arguments.Parameters.Keys.Where(name => !known.Contains(ParameterNames.Normalize(name))).ToList();
        if (unknown.Count == 0)
            return;
        var names = parameters.Select(p => p.CommandLineName).Concat(CommandLineArguments.EngineOptions).ToList();
        throw new ParameterException(unknown.Select(name =>
        {
            var suggestions = NameSuggestions.For(name, names);
            var hint = suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"--{s}"))}?";
            return $"Unknown option --{name}.{hint}";
        }).ToList());
    }

    private static string FindRoot(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue(RootDirectoryVariable.Name, out var root) && Directory.Exists(Path.Combine(root, ".nuke")))
            return Path.GetFullPath(root);
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        }

        throw new CommandLineException("No .nuke/ folder in the current directory or above it: run the build from inside the repository.");
    }
}

/// <summary>The outside world a build run sees; tests pass their own.</summary>
internal sealed record BuildHostContext(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    TextWriter Output,
    bool Interactive,
    string RootDirectory);
