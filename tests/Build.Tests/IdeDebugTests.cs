using System.Reflection.Metadata;

namespace Build.Tests;

/// <summary>
/// F5 in VS Code on a fresh clone: the pre-launch task compiles the build project, and the launch configuration starts
/// exactly what it compiled, with the picked target, from the repository root.
/// </summary>
public class IdeDebugTests
{
    private const string ProbeTarget = "IdeDebugProbe";
    private const string ProbeFile = "build/Build.IdeDebugProbe.cs";

    /// <summary>Printed only by the probe target, which exists only in this test's copy: proof of freshly compiled code.</summary>
    private readonly string _marker = $"ide-debug-probe-{Guid.NewGuid():N}";

    private RepositoryCopy _repository = null!;
    private VsCodeDebugLaunch _launch = null!;

    [OneTimeSetUp]
    public void CompileAsThePreLaunchTaskDoes()
    {
        _repository = RepositoryCopy.Create("ide-debug", SharedOutputs.BuildProject);
        File.WriteAllText(_repository.PathOf(ProbeFile), $$"""
            using Kiln.Targets;

            partial class Build
            {
                Target {{ProbeTarget}} => _ => _.Executes(() => System.Console.WriteLine("{{_marker}}"));
            }
            """);
        _launch = VsCodeDebugLaunch.Read(_repository.Root);

        var compile = _launch.RunPreLaunchTask();

        Assert.That(compile.ExitCode, Is.Zero, compile.All);
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test]
    public void The_launch_configuration_runs_the_picked_target_from_the_code_the_pre_launch_task_compiled()
    {
        // A developer's IDE is no CI: the probe target makes the committed schema stale, which only CI refuses.
        var result = _launch.Start(ProbeTarget, new Dictionary<string, string> { ["CI"] = "" });

        Assert.That(result.ExitCode, Is.Zero, result.All);
        Assert.That(result.Output, Does.Contain(_marker));
    }

    [Test]
    public void The_launch_configuration_maps_the_compiled_sources_back_to_the_edited_files()
    {
        var sources = CompiledSources(Path.ChangeExtension(_launch.Program, ".pdb"))
            .Select(source => MapToWorkspace(source, _launch.SourceFileMap))
            .ToList();

        Assert.That(sources, Does.Contain(_repository.PathOf(ProbeFile)), "a breakpoint in the probe file binds");
        Assert.That(sources.Where(source => !source.Contains("/obj/", StringComparison.Ordinal)), Has.All.Matches<string>(File.Exists));
    }

    private static IEnumerable<string> CompiledSources(string pdb)
    {
        using var stream = File.OpenRead(pdb);
        using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name)).ToList();
    }

    /// <summary>As the debugger applies <c>sourceFileMap</c>: the first compiled-path prefix that matches is replaced.</summary>
    private static string MapToWorkspace(string compiledPath, IReadOnlyDictionary<string, string> sourceFileMap) =>
        sourceFileMap.FirstOrDefault(entry => compiledPath.StartsWith(entry.Key, StringComparison.Ordinal)) is { Key: not null } mapping
            ? mapping.Value + compiledPath[mapping.Key.Length..]
            : compiledPath;
}
