using System.Diagnostics;
using Kiln.Targets.Fingerprints;
using Kiln.Scheduling;
using Kiln.Targets.Foundation;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;

namespace Kiln.Tools.Building;

/// <summary>
/// Builds recipes as parts, one sandbox per (recipe, arch), scheduled as one DAG across architectures; each part is
/// published to <c>.build/parts/&lt;arch&gt;/&lt;tool&gt;/</c> by renaming a complete staging directory. A part sees the
/// parts it depends on read-only and copies their install prefix into its own. <see cref="Assemble"/> then merges the
/// parts of an arch into <c>.build/tools/&lt;arch&gt;/</c> (<c>bin/</c> and <c>tools.json</c>), also by renaming.
/// </summary>
internal sealed class ToolBuilder(IToolExecutor executor, CheckoutLayout layout, IProgress<ToolBuildEvent>? progress = null)
{
    private const string StagingPrefix = ".staging-";
    private const string DiscardPrefix = ".discard-";

    /// <summary>The CPU budget shared by the <c>make -j</c> of all running parts; defaults to the number of processors.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>How many parts build at once (<c>--jobs</c>); defaults to the number of processors.</summary>
    public int MaxParallel { get; init; } = Environment.ProcessorCount;

    /// <summary>Recipes run with this SOURCE_DATE_EPOCH (seconds since 1970, UTC).</summary>
    public long SourceDateEpoch { get; init; }

    /// <summary>
    /// Builds every recipe of one architecture and assembles its tools directory. The previous tools directory is
    /// removed first, so an interrupted build leaves none.
    /// </summary>
    /// <param name="recipes">Recipes in dependency order, e.g. from <see cref="ToolRecipeSet.Select"/>.</param>
    /// <param name="sourcesDirectory">Verified sources, one folder per tool, from <see cref="SourcePackageStore.AssembleAsync"/>.</param>
    public async Task<ToolsManifest> BuildAsync(
        ToolArchitecture arch, IReadOnlyList<ToolRecipe> recipes, string sourcesDirectory, CancellationToken cancellationToken)
    {
        RemoveOutput(arch);
        await BuildPartsAsync(recipes.Select(recipe => new ToolPart(arch, recipe)).ToList(), sourcesDirectory, (_, _) => Task.FromResult(false), (_, _) => Task.CompletedTask, cancellationToken);
        return Assemble(arch, recipes);
    }

    /// <summary>
    /// Builds the parts, dependencies first and up to <see cref="MaxParallel"/> at once. A dependency that is not among
    /// <paramref name="parts"/> must already be in <c>.build/parts/</c> (restored from the cache). <paramref name="tryRestore"/>
    /// runs first, once the part's dependencies are done: a part whose cache key names its dependencies' outputs has a
    /// key only then, and when the cache holds it, it is restored instead of compiled (early cutoff).
    /// <paramref name="onBuilt"/> runs after each compiled part is published (the cache saves it there), so a part that
    /// finished survives a later failure; a part is reported done only then.
    /// </summary>
    public Task BuildPartsAsync(
        IReadOnlyList<ToolPart> parts,
        string sourcesDirectory,
        Func<ToolPart, CancellationToken, Task<bool>> tryRestore,
        Func<ToolPart, CancellationToken, Task> onBuilt,
        CancellationToken cancellationToken)
    {
        var scheduled = parts.Select(part => part.Id).ToHashSet(StringComparer.Ordinal);
        var jobs = parts.Select(part => new ScheduledJob(
            part.Id,
            part.DependencyIds.Where(scheduled.Contains).ToList(),
            async (share, token) =>
            {
                if (await tryRestore(part, token))
                    return;
                var stopwatch = Stopwatch.StartNew();
                await BuildPartAsync(part, sourcesDirectory, share, token);
                // The compile is over; keeping it takes a second, so a Ctrl-C from here on no longer throws it away.
                await onBuilt(part, CancellationToken.None);
                progress?.Report(new ToolBuildEvent(part.Arch.Name, part.Recipe.Name, ToolBuildPhase.Succeeded, stopwatch.Elapsed, layout.LogFile(part.Arch, part.Recipe)));
            })).ToList();
        return JobScheduler.RunAsync(jobs, MaxParallel, Jobs, cancellationToken);
    }

    /// <summary>Removes an arch's tools directory, e.g. before rebuilding it, so that an interrupted build leaves none.</summary>
    public void RemoveOutput(ToolArchitecture arch)
    {
        RemoveLeftovers(layout.ToolsDirectory, arch.Name);
        Discard(layout.OutputDirectory(arch), layout.ToolsDirectory, arch.Name);
    }

    /// <summary>
    /// Merges the parts of <paramref name="recipes"/> (built or restored) into <c>.build/tools/&lt;arch&gt;/</c>: every
    /// file a tool installed, and <c>tools.json</c> describing them, written last.
    /// </summary>
    public ToolsManifest Assemble(ToolArchitecture arch, IReadOnlyList<ToolRecipe> recipes)
    {
        Directory.CreateDirectory(layout.ToolsDirectory);
        RemoveLeftovers(layout.ToolsDirectory, arch.Name);
        var staging = Path.Combine(layout.ToolsDirectory, $"{StagingPrefix}{arch.Name}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var shipped = recipes.Where(recipe => recipe.Kind == ToolKind.Tool).ToList();
            foreach (var recipe in shipped)
                MergeTree(Path.Combine(layout.PartDirectory(arch, recipe.Name), "out"), staging, recipe.Name);
            var toolchain = shipped.Concat(recipes).Select(recipe => ToolPartInfo.Read(layout.PartDirectory(arch, recipe.Name)).Toolchain).First();
            var manifest = new ToolsManifest(arch.Name, ToolRecipe.FormatVersion, executor.Name, toolchain,
                recipes.Select(recipe => Describe(recipe, arch, staging)).ToList());
            manifest.Write(Path.Combine(staging, ToolsManifest.FileName));
            Discard(layout.OutputDirectory(arch), layout.ToolsDirectory, arch.Name);
            Directory.Move(staging, layout.OutputDirectory(arch));
            return manifest;
        }
        catch
        {
            Discard(staging, layout.ToolsDirectory, arch.Name);
            throw;
        }
    }

    private async Task BuildPartAsync(ToolPart part, string sourcesDirectory, int jobs, CancellationToken cancellationToken)
    {
        var (arch, recipe) = (part.Arch, part.Recipe);
        var partsDirectory = layout.PartsDirectory(arch);
        Directory.CreateDirectory(partsDirectory);
        Directory.CreateDirectory(layout.LogDirectory(arch));
        RemoveLeftovers(partsDirectory, recipe.Name);
        var dependencies = recipe.DependsOn.ToDictionary(dependency => dependency, dependency =>
        {
            var directory = layout.PartDirectory(arch, dependency);
            return Directory.Exists(directory)
                ? directory
                : throw new BuildException($"{recipe.Name} ({arch.Name}) needs {dependency}, but {directory} does not exist: it was neither restored nor built.");
        });

        var toolchain = await executor.DescribeToolchainAsync(arch.Name, cancellationToken);
        var staging = Path.Combine(partsDirectory, $"{StagingPrefix}{recipe.Name}-{Guid.NewGuid():N}");
        try
        {
            string workDirectory;
            var spec = new ToolSandboxSpec(arch.Name, layout.RecipesDirectory, sourcesDirectory) { Dependencies = dependencies };
            await using (var sandbox = await executor.OpenAsync(spec, cancellationToken))
            {
                var paths = ToolSandboxLayout.Of(sandbox);
                workDirectory = paths.Work;
                await BuildRecipeAsync(sandbox, paths, part, jobs, cancellationToken);
                Directory.CreateDirectory(staging);
                // A library is its install prefix (what dependents link against); a tool is what it ships.
                var (exported, name) = recipe.Kind == ToolKind.Library ? (paths.Prefix, "prefix") : (paths.Output, "out");
                await sandbox.ExportAsync(exported, Path.Combine(staging, name), CancellationToken.None);
            }

            // A part whose binaries are for the wrong machine must never reach the cache.
            foreach (var binary in recipe.Binaries)
                CheckMachine(recipe, arch, Path.Combine(staging, "out"), binary);
            new ToolPartInfo(recipe.Name, recipe.Version, toolchain, workDirectory).Write(staging);
            var destination = layout.PartDirectory(arch, recipe.Name);
            Discard(destination, partsDirectory, recipe.Name);
            Directory.Move(staging, destination);
        }
        catch
        {
            Discard(staging, partsDirectory, recipe.Name);
            throw;
        }
    }

    private async Task BuildRecipeAsync(IToolSandbox sandbox, ToolSandboxLayout paths, ToolPart part, int jobs, CancellationToken cancellationToken)
    {
        var (arch, recipe) = (part.Arch, part.Recipe);
        var logFile = layout.LogFile(arch, recipe);
        var stopwatch = Stopwatch.StartNew();
        progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Started, TimeSpan.Zero, logFile));
        string? failure;
        await using (var log = new StreamWriter(logFile, append: false) { AutoFlush = true })
        {
            try
            {
                failure = await RunStepsAsync(sandbox, paths, part, jobs, log, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await log.WriteLineAsync("kiln: cancelled");
                progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Cancelled, stopwatch.Elapsed, logFile));
                throw;
            }

            if (failure is not null)
                await log.WriteLineAsync($"kiln: {failure}");
        }

        if (failure is null)
            return;
        // A step killed by the same Ctrl-C that cancelled the build is a cancellation, not a broken recipe.
        var phase = cancellationToken.IsCancellationRequested ? ToolBuildPhase.Cancelled : ToolBuildPhase.Failed;
        progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, phase, stopwatch.Elapsed, logFile));
        cancellationToken.ThrowIfCancellationRequested();
        throw new ToolBuildException(arch.Name, recipe.Name, failure, logFile, ToolBuildException.ReadTail(logFile));
    }

    /// <summary>Seeds the prefix with the dependencies, unpacks, builds and strips one recipe; returns null on success, else what failed.</summary>
    private async Task<string?> RunStepsAsync(IToolSandbox sandbox, ToolSandboxLayout paths, ToolPart part, int jobs, TextWriter log, CancellationToken cancellationToken)
    {
        var (arch, recipe) = (part.Arch, part.Recipe);
        var environment = ToolBuildEnvironment.For(recipe, arch, paths, jobs, SourceDateEpoch);
        await log.WriteLineAsync($"kiln: {recipe.Name} {recipe.Version} for {arch.Name} ({executor.Name} executor)");
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            await log.WriteLineAsync($"kiln: {name}={value}");

        var steps = new List<(string Description, ToolCommand Command)>
        {
            ("mkdir", new ToolCommand(["mkdir", "-p", paths.Prefix, paths.BinaryOutput, $"{paths.Work}/src"], paths.Work, environment)),
        };
        foreach (var dependency in recipe.DependsOn)
            steps.Add(($"copy {dependency} into the prefix", new ToolCommand(
                ["sh", "-c", "test ! -d \"$1/prefix\" || cp -R \"$1/prefix/.\" \"$2/\"", "sh", sandbox.DependencyDirectories[dependency], paths.Prefix], paths.Work, environment)));
        steps.Add(("dpkg-source -x", new ToolCommand(["dpkg-source", "-x", paths.Dsc(recipe), paths.SourceTree(recipe)], paths.Work, environment)));
        var buildScript = new ToolCommand(["bash", "-e", paths.BuildScript(recipe)], paths.SourceTree(recipe), environment);
        steps.Add(("build.sh", buildScript));
        if (recipe.Binaries.Count > 0)
        {
            // test -f first: strip's own message for a missing file does not say that the recipe forgot to install it.
            var binaries = recipe.Binaries.Select(b => $"{paths.BinaryOutput}/{b}").ToList();
            steps.Add(("installed the declared binaries", new ToolCommand(["sh", "-c", "for f; do test -f \"$f\" || { echo \"missing: $f\"; exit 1; }; done", "sh", .. binaries], paths.Work, environment)));
            steps.Add(("strip", new ToolCommand([environment["STRIP"], "--strip-all", .. binaries], paths.Work, environment)));
        }

        foreach (var (description, command) in steps)
        {
            await log.WriteLineAsync($"kiln: $ {string.Join(' ', command.Arguments)}");
            var exitCode = await sandbox.RunAsync(command, log, cancellationToken);
            // A recipe that downloads fails in build.sh; its own error (an unreachable network, an unresolved host)
            // does not say that the network is off on purpose.
            if (exitCode != 0)
                return $"{description} failed with exit code {exitCode}" + (ReferenceEquals(command, buildScript) && !sandbox.HasNetwork
                    ? " (build.sh runs without network: a recipe's inputs are its pinned source package and the libraries it depends on, never a download)"
                    : "");
        }

        return null;
    }

    private static BuiltTool Describe(ToolRecipe recipe, ToolArchitecture arch, string directory)
    {
        var binaries = recipe.Binaries.Select(name =>
        {
            var file = CheckMachine(recipe, arch, directory, name);
            return new BuiltBinary(name, $"bin/{name}", ContentHash.OfFile(file), new FileInfo(file).Length);
        }).ToList();
        return new BuiltTool(recipe.Name, recipe.Kind, recipe.Version, recipe.SourcePackage, recipe.DscSha256, recipe.Licence, binaries);
    }

    /// <summary>
    /// The path of <c>bin/&lt;name&gt;</c> under <paramref name="directory"/>, refused unless it is an ELF binary for
    /// <paramref name="arch"/>: a recipe that ignores CC would silently ship host binaries in the aarch64 archive.
    /// </summary>
    private static string CheckMachine(ToolRecipe recipe, ToolArchitecture arch, string directory, string name)
    {
        var file = Path.Combine(directory, "bin", name);
        var elf = ElfHeader.Read(file);
        return elf?.Machine == arch.ElfMachine
            ? file
            : throw new BuildException(
                $"{recipe.Name} ({arch.Name}): bin/{name} is not an ELF binary for {arch.Name} (ELF machine {elf?.Machine.ToString() ?? "none"}, expected {arch.ElfMachine}); does build.sh use $CC?");
    }

    /// <summary>Copies a part's files into the tools directory; two tools installing the same path is an error, not a silent overwrite.</summary>
    private static void MergeTree(string from, string to, string tool)
    {
        if (!Directory.Exists(from))
            throw new BuildException($"{tool}: its part has no {from}; rebuild it (--skip-tools-cache).");
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo { LinkTarget: null })
                MergeTree(entry.FullName, target, tool);
            else if (File.Exists(target) || Directory.Exists(target))
                throw new BuildException($"{tool} installs {target}, which another tool of the same arch also installs.");
            else if (entry.LinkTarget is not null)
                File.CreateSymbolicLink(target, entry.LinkTarget);
            else
                File.Copy(entry.FullName, target);
        }
    }

    /// <summary>Staging and discard directories of <paramref name="name"/> that an interrupted run left behind (exact names only: "zlib" must not match "zlib-ng").</summary>
    private static void RemoveLeftovers(string directory, string name)
    {
        if (!Directory.Exists(directory))
            return;
        foreach (var leftover in Directory.EnumerateDirectories(directory))
        {
            var leaf = Path.GetFileName(leftover);
            if (new[] { StagingPrefix, DiscardPrefix }.Any(prefix => IsScratchName(leaf, prefix + name + "-")))
                Directory.Delete(leftover, recursive: true);
        }
    }

    private static bool IsScratchName(string leaf, string stem) =>
        leaf.Length == stem.Length + 32 && leaf.StartsWith(stem, StringComparison.Ordinal) && leaf[stem.Length..].All(char.IsAsciiHexDigitLower);

    // Rename first: the directory disappears at once, even if deleting its files is interrupted.
    private static void Discard(string directory, string parent, string name)
    {
        if (!Directory.Exists(directory))
            return;
        var discarded = Path.Combine(parent, $"{DiscardPrefix}{name}-{Guid.NewGuid():N}");
        Directory.Move(directory, discarded);
        Directory.Delete(discarded, recursive: true);
    }
}
