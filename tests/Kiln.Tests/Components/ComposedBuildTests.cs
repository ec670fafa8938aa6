using System.Text.Json;
using Kiln.Components;
using Kiln.Targets;
using Kiln.Targets.Execution;
using Kiln.Tests.Tools;

namespace Kiln.Tests.Components;

public class ComposedBuildTests
{
    private static (int ExitCode, string Output) Run(MinimalBuild build, string root, params string[] args)
    {
        var output = new StringWriter();
        var context = new BuildHostContext(args, new Dictionary<string, string>(), output, Interactive: false, root);
        var exitCode = BuildHost.RunAsync(build, b => ((ICompile)b).Compile, context, CancellationToken.None).GetAwaiter().GetResult();
        return (exitCode, output.ToString());
    }

    private static ScratchDirectory Checkout()
    {
        var root = new ScratchDirectory();
        Directory.CreateDirectory(root.Combine(".nuke"));
        var recipes = root.Combine(MinimalBuild.RecipesFolder);
        Directory.CreateDirectory(Path.Combine(recipes, "zlib"));
        File.Copy(RepositoryFiles.Schema, Path.Combine(recipes, "tool.schema.json"));
        File.WriteAllText(Path.Combine(recipes, "zlib", "tool.json"), RecipeFolder.ValidRecipe("zlib", "library").ToJsonString());
        File.WriteAllText(Path.Combine(recipes, "zlib", "build.sh"), "#!/usr/bin/env bash\nset -eu\n");
        return root;
    }

    [Test]
    public void The_plan_of_an_extended_component_target_keeps_the_dependencies_it_inherits()
    {
        using var root = Checkout();

        var (exitCode, output) = Run(new MinimalBuild(), root.Path, "--plan");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("1. Restore").And.Contain("2. Compile"));
    }

    [Test]
    public void A_tools_target_runs_with_the_settings_the_build_gives_the_component()
    {
        using var root = Checkout();
        var cache = root.Combine("other-cache");
        var entry = Path.Combine(cache, "x86_64", "entry");
        Directory.CreateDirectory(entry);
        var build = new MinimalBuild();

        var (exitCode, output) = Run(build, root.Path, "CleanToolsCache", "--tools-cache-dir", cache, "--arch", "x86_64");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(Directory.Exists(entry), Is.False);
        Assert.That(((ITools)build).Arch, Is.EqualTo(new[] { "x86_64" }));
        Assert.That(((ITools)build).ToolsStages.Recipes().Select(r => r.Name), Is.EqualTo(new[] { "zlib" }));
    }

    [Test]
    public void Pinned_sources_apt_no_longer_serves_come_from_the_snapshot_archive_the_parameter_names()
    {
        using var root = Checkout();
        var build = new MinimalBuild();

        var (exitCode, output) = Run(build, root.Path, "CleanToolsCache", "--snapshot-archive-url", "http://mirror.invalid/snapshot");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(((ITools)build).ToolsStages.Sources.Snapshot!.Url.AbsoluteUri, Is.EqualTo("http://mirror.invalid/snapshot/"));
    }

    [Test]
    public void A_snapshot_archive_url_that_is_not_http_fails_naming_the_parameter()
    {
        using var root = Checkout();

        var (exitCode, output) = Run(new MinimalBuild(), root.Path, "CleanToolsCache", "--snapshot-archive-url", "mirror.invalid");

        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(output, Does.Contain("--snapshot-archive-url").And.Contain("'mirror.invalid'"));
    }

    [Test]
    public void Help_schema_and_ide_configurations_list_the_component_targets_and_parameters()
    {
        using var root = Checkout();

        var (_, help) = Run(new MinimalBuild(), root.Path, "--help");
        var (exitCode, output) = Run(new MinimalBuild(), root.Path, "--generate-configuration");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(help, Does.Contain("Compile (default)").And.Contain("ToolsFingerprint").And.Contain("--tools-cache-dir"));
        using var schema = JsonDocument.Parse(File.ReadAllText(root.Combine(".nuke", "build.schema.json")));
        var targets = schema.RootElement.GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.That(targets, Is.EquivalentTo(new[]
            { "BuilderImage", "Clean", "CleanToolsCache", "Compile", "PushToolsCache", "Restore", "Tools", "ToolsCache", "ToolsFingerprint" }));
        Assert.That(schema.RootElement.GetProperty("properties").TryGetProperty("ToolsCacheDir", out _), Is.True);
        Assert.That(File.Exists(root.Combine(".run", "ToolsFingerprint.run.xml")), Is.True);
        Assert.That(File.ReadAllText(root.Combine(".vscode", "tasks.json")), Does.Contain("\"CleanToolsCache\""));
    }
}
