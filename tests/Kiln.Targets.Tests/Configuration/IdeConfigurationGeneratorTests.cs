using System.Text.Json;
using System.Xml.Linq;
using Kiln.Targets.Configuration;

namespace Kiln.Targets.Tests.Configuration;

public sealed class IdeConfigurationGeneratorTests
{
    private static readonly string[] ListedTargets = ["Compile", "Dist", "Restore", "Test", "Tools", "ToolsFingerprint"];

    private static IReadOnlyList<GeneratedFile> Generate() => IdeConfigurationGenerator.Generate(SampleBuild.Model());

    [Test]
    public void Rider_gets_a_run_and_a_debug_configuration_per_listed_target_and_none_for_unlisted_ones()
    {
        var runConfigurations = Generate().Where(file => file.RelativePath.StartsWith(".run/", StringComparison.Ordinal));

        Assert.That(runConfigurations.Select(file => file.RelativePath).Order(StringComparer.Ordinal),
            Is.EqualTo(ListedTargets.SelectMany(target => new[] { $".run/{target} (debug).run.xml", $".run/{target}.run.xml" })));
    }

    [Test]
    public void Rider_run_configuration_runs_build_sh_with_the_target_from_the_project_directory()
    {
        var (configuration, options) = RiderConfiguration(".run/Dist.run.xml");

        Assert.That((string?)configuration.Attribute("name"), Is.EqualTo("Dist"));
        Assert.That((string?)configuration.Attribute("type"), Is.EqualTo("ShConfigurationType"));
        Assert.That(options["SCRIPT_PATH"], Is.EqualTo("$PROJECT_DIR$/build.sh"));
        Assert.That(options["SCRIPT_OPTIONS"], Is.EqualTo("Dist"));
        Assert.That(options["SCRIPT_WORKING_DIRECTORY"], Is.EqualTo("$PROJECT_DIR$"));
    }

    [TestCaseSource(nameof(ListedTargets))]
    public void Rider_debug_configuration_builds_and_starts_the_build_project_with_its_target_from_the_project_directory(string target)
    {
        var (configuration, options) = RiderConfiguration($".run/{target} (debug).run.xml");
        var environment = configuration.Element("envs")!.Elements("env")
            .ToDictionary(env => (string)env.Attribute("name")!, env => (string)env.Attribute("value")!);
        var beforeLaunch = configuration.Element("method")!.Elements("option").Select(option => (string?)option.Attribute("name"));

        Assert.That((string?)configuration.Attribute("name"), Is.EqualTo($"{target} (debug)"));
        Assert.That((string?)configuration.Attribute("type"), Is.EqualTo("DotNetProject"));
        Assert.That(options["PROJECT_PATH"], Is.EqualTo("$PROJECT_DIR$/build/_build.csproj"));
        Assert.That(options["PROGRAM_PARAMETERS"], Is.EqualTo(target));
        Assert.That(options["PROJECT_ARGUMENTS_TRACKING"], Is.EqualTo("0"), "Rider would replace the target with the project's own arguments");
        Assert.That(options["WORKING_DIRECTORY"], Is.EqualTo("$PROJECT_DIR$"));
        Assert.That(options["PROJECT_WORKING_DIRECTORY_TRACKING"], Is.EqualTo("0"), "Rider would replace the directory with the project's own");
        Assert.That(environment["KILN_ROOT_DIRECTORY"], Is.EqualTo("$PROJECT_DIR$"));
        Assert.That(beforeLaunch, Is.EqualTo(new[] { "Build" }));
    }

    [Test]
    public void VS_Code_gets_one_shell_task_per_listed_target_plus_the_build_project_compile()
    {
        var (_, tasks) = VsCodeFiles();

        var shellTasks = tasks.Where(task => task.GetProperty("type").GetString() == "shell").ToList();

        Assert.That(shellTasks.Select(task => task.GetProperty("label").GetString()), Is.EqualTo(ListedTargets));
        Assert.That(shellTasks.Select(task => task.GetProperty("command").GetString()), Is.EqualTo(ListedTargets.Select(target => $"./build.sh {target}")));
        Assert.That(tasks, Has.Count.EqualTo(ListedTargets.Length + 1));
    }

    [Test]
    public void VS_Code_launch_debugs_what_its_pre_launch_task_compiled_with_a_listed_target()
    {
        var (launch, tasks) = VsCodeFiles();
        var configuration = launch.GetProperty("configurations").EnumerateArray().Single();
        var input = launch.GetProperty("inputs").EnumerateArray().Single();

        var preLaunchTask = tasks.Single(task => task.GetProperty("label").GetString() == configuration.GetProperty("preLaunchTask").GetString());
        var compile = preLaunchTask.GetProperty("args").EnumerateArray().Select(arg => arg.GetString()!).ToList();
        var outputDirectory = compile[compile.IndexOf("--output") + 1];

        Assert.That(configuration.GetProperty("type").GetString(), Is.EqualTo("coreclr"));
        Assert.That(compile.Take(2), Is.EqualTo(new[] { "build", "${workspaceFolder}/build/_build.csproj" }));
        Assert.That(configuration.GetProperty("program").GetString(), Is.EqualTo($"{outputDirectory}/_build.dll"));
        Assert.That(configuration.GetProperty("args").EnumerateArray().Select(arg => arg.GetString()), Is.EqualTo(new[] { "${input:target}" }));
        Assert.That(input.GetProperty("options").EnumerateArray().Select(option => option.GetString()), Is.EqualTo(ListedTargets));
        Assert.That(input.GetProperty("default").GetString(), Is.EqualTo("Dist"));
    }

    [Test]
    public void VS_Code_compiles_the_build_project_apart_from_the_copy_build_sh_runs()
    {
        var (_, tasks) = VsCodeFiles();

        var compile = tasks.Single(task => task.GetProperty("type").GetString() == "process")
            .GetProperty("args").EnumerateArray().Select(arg => arg.GetString()!).ToList();
        var outputDirectory = compile[compile.IndexOf("--output") + 1];

        Assert.That(outputDirectory, Does.StartWith("${workspaceFolder}/.nuke/temp/"), "an ignored folder");
        Assert.That(outputDirectory.TrimEnd('/'), Is.Not.EqualTo("${workspaceFolder}/.nuke/temp/build"), "build.sh's own copy");
    }

    [Test]
    public void VS_Code_launch_starts_the_build_in_the_workspace_folder_as_its_root()
    {
        var (launch, _) = VsCodeFiles();

        var configuration = launch.GetProperty("configurations").EnumerateArray().Single();

        Assert.That(configuration.GetProperty("cwd").GetString(), Is.EqualTo("${workspaceFolder}"));
        Assert.That(configuration.GetProperty("env").GetProperty("KILN_ROOT_DIRECTORY").GetString(), Is.EqualTo("${workspaceFolder}"));
    }

    [Test]
    public void VS_Code_launch_maps_the_compiled_source_paths_back_to_the_workspace_folder()
    {
        var (launch, _) = VsCodeFiles();

        var configuration = launch.GetProperty("configurations").EnumerateArray().Single();

        // Directory.Build.props maps the repository root to /_/ in every PDB, for reproducible builds.
        Assert.That(configuration.GetProperty("sourceFileMap").GetProperty("/_/").GetString(), Is.EqualTo("${workspaceFolder}/"));
    }

    [Test]
    public void Files_have_no_bom_unix_newlines_and_one_final_newline()
    {
        foreach (var file in Generate())
        {
            Assert.That(file.Content, Does.Not.StartWith("\uFEFF"), file.RelativePath);
            Assert.That(file.Content, Does.Not.Contain("\r").And.EndWith("\n").And.Not.EndWith("\n\n"), file.RelativePath);
        }
    }

    [Test]
    public void Targets_are_sorted_so_moving_a_declaration_changes_nothing()
    {
        var model = SampleBuild.Model();
        var reordered = model with { Targets = model.Targets.Reverse().ToList() };

        var original = IdeConfigurationGenerator.Generate(model);
        var fromReordered = IdeConfigurationGenerator.Generate(reordered);

        Assert.That(fromReordered, Is.EqualTo(original));
    }

    private static (XElement Configuration, Dictionary<string, string> Options) RiderConfiguration(string relativePath)
    {
        var file = Generate().Single(file => file.RelativePath == relativePath);
        var configuration = XDocument.Parse(file.Content).Root!.Element("configuration")!;
        var options = configuration.Elements("option").ToDictionary(option => (string)option.Attribute("name")!, option => (string)option.Attribute("value")!);
        return (configuration, options);
    }

    private static (JsonElement Launch, IReadOnlyList<JsonElement> Tasks) VsCodeFiles()
    {
        var files = Generate();
        var launch = JsonDocument.Parse(files.Single(file => file.RelativePath == IdeConfigurationGenerator.LaunchPath).Content).RootElement;
        var tasks = JsonDocument.Parse(files.Single(file => file.RelativePath == IdeConfigurationGenerator.TasksPath).Content)
            .RootElement.GetProperty("tasks").EnumerateArray().ToList();
        return (launch, tasks);
    }
}
