using Kiln.Fingerprints;
using System.Diagnostics;
using Kiln.Targets;

namespace Kiln.Tools;

/// <summary>
/// Builds the selected recipes of one architecture, in dependency order, inside a sandbox of an <see cref="IToolExecutor"/>,
/// and publishes <c>.build/tools/&lt;arch&gt;/</c> (<c>bin/</c> and <c>tools.json</c>) by renaming a complete staging directory.
/// The previous output of the architecture is removed first, so an interrupted build leaves no tools directory at all.
/// </summary>
internal sealed class ToolBuilder(IToolExecutor executor, ToolsLayout layout, IProgress<ToolBuildEvent>? progress = null)
{
    private const string StagingPrefix = ".staging-";
    private const string DiscardPrefix = ".discard-";

    /// <summary>Parallel make jobs for every recipe; defaults to the number of processors.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Recipes run with this SOURCE_DATE_EPOCH (seconds since 1970, UTC); the lead passes the commit time of HEAD.</summary>
    public long SourceDateEpoch { get; init; }

    /// <param name="recipes">Recipes in dependency order, e.g. from <see cref="ToolRecipeSet.Select"/>.</param>
    /// <param name="sourcesDirectory">Verified sources, one folder per tool, from <see cref="SourcePackageStore.AssembleAsync"/>.</param>
    public async Task<ToolsManifest> BuildAsync(
        ToolArchitecture arch, IReadOnlyList<ToolRecipe> recipes, string sourcesDirectory, CancellationToken cancellationToken)
    {
        var output = layout.OutputDirectory(arch);
        RemoveLeftovers(arch);
        Discard(output, arch);
        Directory.CreateDirectory(layout.ToolsDirectory);
        Directory.CreateDirectory(layout.LogDirectory(arch));

        var toolchain = await executor.DescribeToolchainAsync(arch.Name, cancellationToken);
        var staging = Path.Combine(layout.ToolsDirectory, $"{StagingPrefix}{arch.Name}-{Guid.NewGuid():N}");
        await using (var sandbox = await executor.OpenAsync(new ToolSandboxSpec(arch.Name, layout.RecipesDirectory, sourcesDirectory), cancellationToken))
        {
            var paths = ToolSandboxLayout.Of(sandbox);
            foreach (var recipe in recipes)
                await BuildRecipeAsync(sandbox, paths, arch, recipe, cancellationToken);
            await sandbox.ExportAsync(paths.Output, staging, cancellationToken);
        }

        try
        {
            var manifest = new ToolsManifest(arch.Name, ToolRecipe.FormatVersion, executor.Name, toolchain,
                recipes.Select(r => Describe(r, arch, staging)).ToList());
            manifest.Write(Path.Combine(staging, ToolsManifest.FileName));
            Directory.Move(staging, output);
            return manifest;
        }
        catch
        {
            Discard(staging, arch);
            throw;
        }
    }

    private async Task BuildRecipeAsync(IToolSandbox sandbox, ToolSandboxLayout paths, ToolArchitecture arch, ToolRecipe recipe, CancellationToken cancellationToken)
    {
        var logFile = layout.LogFile(arch, recipe);
        var stopwatch = Stopwatch.StartNew();
        progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Started, TimeSpan.Zero, logFile));
        string? failure;
        await using (var log = new StreamWriter(logFile, append: false) { AutoFlush = true })
        {
            try
            {
                failure = await RunStepsAsync(sandbox, paths, arch, recipe, log, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await log.WriteLineAsync("kiln: cancelled");
                progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Failed, stopwatch.Elapsed, logFile));
                throw;
            }

            if (failure is not null)
                await log.WriteLineAsync($"kiln: {failure}");
        }

        if (failure is not null)
        {
            progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Failed, stopwatch.Elapsed, logFile));
            throw new ToolBuildException(arch.Name, recipe.Name, failure, logFile, ToolBuildException.ReadTail(logFile));
        }

        progress?.Report(new ToolBuildEvent(arch.Name, recipe.Name, ToolBuildPhase.Succeeded, stopwatch.Elapsed, logFile));
    }

    /// <summary>Unpacks, builds and strips one recipe; returns null on success, else what failed.</summary>
    private async Task<string?> RunStepsAsync(IToolSandbox sandbox, ToolSandboxLayout paths, ToolArchitecture arch, ToolRecipe recipe, TextWriter log, CancellationToken cancellationToken)
    {
        var environment = ToolBuildEnvironment.For(recipe, arch, paths, Jobs, SourceDateEpoch);
        await log.WriteLineAsync($"kiln: {recipe.Name} {recipe.Version} for {arch.Name} ({executor.Name} executor)");
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            await log.WriteLineAsync($"kiln: {name}={value}");

        var steps = new List<(string Description, ToolCommand Command)>
        {
            ("mkdir", new ToolCommand(["mkdir", "-p", paths.Prefix, paths.BinaryOutput, $"{paths.Work}/src"], paths.Work, environment)),
            ("dpkg-source -x", new ToolCommand(["dpkg-source", "-x", paths.Dsc(recipe), paths.SourceTree(recipe)], paths.Work, environment)),
            ("build.sh", new ToolCommand(["bash", "-e", paths.BuildScript(recipe)], paths.SourceTree(recipe), environment)),
        };
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
            if (exitCode != 0)
                return $"{description} failed with exit code {exitCode}";
        }

        return null;
    }

    private static BuiltTool Describe(ToolRecipe recipe, ToolArchitecture arch, string staging)
    {
        var binaries = recipe.Binaries.Select(name =>
        {
            var relative = $"bin/{name}";
            var file = Path.Combine(staging, "bin", name);
            // A recipe that ignores CC would silently ship host binaries in the aarch64 archive.
            var elf = ElfHeader.Read(file);
            if (elf?.Machine != arch.ElfMachine)
                throw new BuildException(
                    $"{recipe.Name} ({arch.Name}): {relative} is not an ELF binary for {arch.Name} (ELF machine {elf?.Machine.ToString() ?? "none"}, expected {arch.ElfMachine}); does build.sh use $CC?");
            return new BuiltBinary(name, relative, ContentHash.OfFile(file), new FileInfo(file).Length);
        }).ToList();
        return new BuiltTool(recipe.Name, recipe.Kind, recipe.Version, recipe.SourcePackage, recipe.DscSha256, recipe.Licence, binaries);
    }

    private void RemoveLeftovers(ToolArchitecture arch)
    {
        if (!Directory.Exists(layout.ToolsDirectory))
            return;
        foreach (var directory in Directory.EnumerateDirectories(layout.ToolsDirectory))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith($"{StagingPrefix}{arch.Name}-", StringComparison.Ordinal) || name.StartsWith($"{DiscardPrefix}{arch.Name}-", StringComparison.Ordinal))
                Directory.Delete(directory, recursive: true);
        }
    }

    // Rename first: the tools directory disappears at once, even if deleting its files is interrupted.
    private void Discard(string directory, ToolArchitecture arch)
    {
        if (!Directory.Exists(directory))
            return;
        var discarded = Path.Combine(layout.ToolsDirectory, $"{DiscardPrefix}{arch.Name}-{Guid.NewGuid():N}");
        Directory.Move(directory, discarded);
        Directory.Delete(discarded, recursive: true);
    }
}
