using System.Diagnostics;
using System.Text.RegularExpressions;
using Kiln.Testing;

namespace Build.Tests;

/// <summary>
/// Per-tool cache entries, on a copy of the cold release's tools cache in a checkout of its own (so these rebuilds run
/// beside <see cref="ReleaseTests"/> instead of after it): an edit rebuilds exactly the edited tool, and what links it
/// only when the edited tool's output changed, for both arches at once; an interrupted parallel build keeps every tool
/// that finished. Comment-only edits do not change binaries, so each rebuilt tools directory must equal the restored one.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up waits for the cold release: every tool compiled for both arches on two cores")]
[Order(5)]
public class ToolRebuildTests
{
    private static readonly string[] Arches = ["x86_64", "aarch64"];

    private RepositoryCopy _repository = null!;

    [OneTimeSetUp]
    public void RestoreTheColdReleasesToolsInACopy()
    {
        _repository = ColdRelease.CopyWithItsToolsCache("rebuilds");

        var restored = _repository.BuildSh("Tools", "--executor", "local");

        Assert.That(restored.ExitCode, Is.Zero, restored.All);
        Assert.That(restored.Output, Does.Match(@"Tools\s+Skipped\s+cache hit"), "another checkout restores what the cold release saved");
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test, Order(1)]
    public void A_one_line_edit_of_stress_rebuilds_stress_for_both_arches_and_nothing_else()
    {
        var before = ToolsManifests();
        using var edit = EditedBuildScripts("stress");

        var explained = _repository.BuildSh("ToolsCache", "--executor", "local", "--explain");
        var rebuilt = _repository.BuildSh("Tools", "--executor", "local");

        Assert.That(explained.Output, Does.Contain("x86_64: miss").And.Contain("explain: stress:").And.Contain("stress/build.sh"), explained.All);
        Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.All);
        Assert.That(Built(rebuilt.Output), Is.EqualTo(new[] { "aarch64 stress", "x86_64 stress" }), rebuilt.Output);
        Assert.That(rebuilt.Output, Does.Match(@"x86_64: rebuilt [0-9a-f]{12} \(6 hit, built stress"));
        Assert.That(ToolsManifests(), Is.EqualTo(before));
    }

    [Test, Order(2)]
    public void A_comment_edit_of_zlib_rebuilds_zlib_for_both_arches_and_restores_fio()
    {
        var before = ToolsManifests();
        using var edit = EditedBuildScripts("zlib");

        var rebuilt = _repository.BuildSh("Tools", "--executor", "local", "--explain");

        Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.All);
        Assert.That(Built(rebuilt.Output), Is.EqualTo(new[] { "aarch64 zlib", "x86_64 zlib" }), rebuilt.Output);
        foreach (var arch in Arches)
        {
            Assert.That(rebuilt.Output, Does.Match($@"\[{arch}\] fio\s+hit [0-9a-f]{{12}}, zlib rebuilt with identical output"));
            Assert.That(rebuilt.Output, Does.Match($@"{arch}: saved to the tools cache as [0-9a-f]{{12}} \(6 hit, built zlib; fio: hit, zlib rebuilt with identical output\)"));
        }

        Assert.That(ToolsManifests(), Is.EqualTo(before));
    }

    [Test, Order(3)]
    public void An_interrupted_parallel_build_keeps_every_finished_tool_and_the_next_run_completes_it()
    {
        // Two quick tools for two arches: four builds, two at a time, so the interrupt after the first to finish comes
        // with one build not yet started whichever starts next.
        var before = ToolsManifests();
        string[] edited = ["stress", "pciutils"];
        using var edit = EditedBuildScripts(edited);

        var interrupted = InterruptAfterFirstFinishedTool("Tools", "--executor", "local", "--jobs", "2");
        var finished = Regex.Matches(interrupted, @"\[(\w+)\] (\S+)\s+done in").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToList();
        var leftovers = Directory.GetDirectories(_repository.PathOf(".build"), ".staging-*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(_repository.PathOf("tools-cache"), ".tmp-*", SearchOption.AllDirectories)).ToList();
        var outputs = Arches.Where(arch => Directory.Exists(_repository.PathOf($".build/tools/{arch}"))).ToList();
        var next = _repository.BuildSh("Tools", "--executor", "local");

        Assert.That(finished, Is.Not.Empty, interrupted);
        Assert.That(Built(interrupted).Count, Is.LessThan(Arches.Length * edited.Length), "the interrupt came before every tool had started: " + interrupted);
        Assert.That(leftovers, Is.Empty, "no half-written part or cache entry");
        Assert.That(outputs, Is.Empty, "no tools directory after an interrupted build");
        Assert.That(next.ExitCode, Is.Zero, next.All);
        Assert.That(Built(next.Output).Intersect(finished), Is.Empty, "a finished tool was built again: " + next.Output);
        Assert.That(Built(next.Output).Concat(finished).Order(), Is.EquivalentTo(Arches.SelectMany(arch => edited.Select(tool => $"{arch} {tool}"))));
        Assert.That(ToolsManifests(), Is.EqualTo(before));
    }

    [Test, Order(4)]
    public void A_tool_compiled_in_another_directory_at_another_time_is_byte_identical()
    {
        using var other = RepositoryCopy.Create("release-elsewhere", SharedOutputs.BuildProject);

        var built = other.BuildSh("Tools", "--executor", "local", "--arch", "x86_64", "--tools", "stress");

        Assert.That(built.ExitCode, Is.Zero, built.All);
        Assert.That(Built(built.Output), Is.EqualTo(new[] { "x86_64 stress" }), "compiled, not restored: " + built.Output);
        Assert.That(Binaries(other.PathOf(".build/tools/x86_64/tools.json"), "stress"),
            Is.EqualTo(Binaries(_repository.PathOf(".build/tools/x86_64/tools.json"), "stress")));
    }

    // Last: the tests before it compare a tools directory with the one they started from, and this one leaves another fio.
    // One arch proves it: which tools a changed dependency output rebuilds does not depend on the arch, and fio is the
    // slowest recipe to compile.
    [Test, Order(5)]
    [TimeLimit(600, Why = "compiles fio, the slowest tool")]
    public void A_change_of_zlib_output_rebuilds_fio()
    {
        var before = Binaries(ToolsManifest("x86_64"), "fio");
        // A smaller deflate memory limit changes the code of libz.a (and so fio's), not the API fio compiles against.
        using var edit = ReplacedInBuildScript("zlib", "CFLAGS=\"$CFLAGS -fPIC\"", "CFLAGS=\"$CFLAGS -fPIC -DMAX_MEM_LEVEL=8\"");

        var rebuilt = _repository.BuildSh("Tools", "--executor", "local", "--arch", "x86_64", "--explain");

        Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.All);
        Assert.That(Built(rebuilt.Output), Is.EqualTo(new[] { "x86_64 fio", "x86_64 zlib" }), rebuilt.Output);
        Assert.That(rebuilt.Output, Does.Contain("explain: fio:").And.Contain("dependency-output:zlib").And.Not.Contain("identical output"));
        Assert.That(Binaries(ToolsManifest("x86_64"), "fio"), Is.Not.EqualTo(before), "fio links the changed zlib");
    }

    /// <summary>
    /// Appends a comment to each tool's build script until disposed, then restores it: the next test starts from keys the
    /// cache already holds, whatever arches this one built. The comment is new each time, so an edit never meets a key an
    /// earlier test's edit saved.
    /// </summary>
    private Restoring EditedBuildScripts(params string[] tools)
    {
        var originals = tools.ToDictionary(tool => _repository.PathOf($"tools/{tool}/build.sh"), tool => File.ReadAllText(_repository.PathOf($"tools/{tool}/build.sh")));
        foreach (var script in originals.Keys)
            File.AppendAllText(script, $"# edited by a test ({Guid.NewGuid():N})\n");
        return new Restoring(originals);
    }

    /// <summary>Replaces <paramref name="text"/> in a tool's build script until disposed, as <see cref="EditedBuildScripts"/> appends.</summary>
    private Restoring ReplacedInBuildScript(string tool, string text, string replacement)
    {
        var script = _repository.PathOf($"tools/{tool}/build.sh");
        var original = File.ReadAllText(script);
        Assert.That(original, Does.Contain(text), script);
        File.WriteAllText(script, original.Replace(text, replacement, StringComparison.Ordinal));
        return new Restoring(new Dictionary<string, string> { [script] = original });
    }

    private sealed class Restoring(IReadOnlyDictionary<string, string> originals) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (file, text) in originals)
                File.WriteAllText(file, text);
        }
    }

    private static IReadOnlyList<Kiln.Tools.Building.BuiltBinary> Binaries(string toolsManifest, string tool) =>
        Kiln.Tools.Building.ToolsManifest.Read(toolsManifest).Tools.Single(t => t.Name == tool).Binaries;

    /// <summary>Every "[arch] tool building" line, as "arch tool", sorted.</summary>
    private static List<string> Built(string output) =>
        Regex.Matches(output, @"\[(\w+)\] (\S+)\s+building").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order(StringComparer.Ordinal).ToList();

    private Dictionary<string, string> ToolsManifests() => Arches.ToDictionary(arch => arch, arch => File.ReadAllText(ToolsManifest(arch)));

    private string ToolsManifest(string arch) => _repository.PathOf($".build/tools/{arch}/tools.json");

    /// <summary>Runs build.sh and sends it SIGINT, as Ctrl-C does, once the first tool has finished; returns all it printed.</summary>
    private string InterruptAfterFirstFinishedTool(params string[] args)
    {
        // A process started in the background by a shell (as CI jobs often are) inherits SIGINT as ignored, and .NET
        // then keeps ignoring it, as a shell does; env restores the default so the build sees the signal a user's Ctrl-C sends.
        var info = new ProcessStartInfo("env") { WorkingDirectory = _repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(_repository.PathOf("build.sh"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        RepositoryCopy.PrepareEnvironment(info);
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var stderr = process.StandardError.ReadToEndAsync();
        var interrupted = false;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.AppendLine(line);
            if (!interrupted && line.Contains("done in", StringComparison.Ordinal))
            {
                interrupted = true;
                RepositoryCopy.Run("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _repository.Root);
            }
        }

        process.WaitForExit();
        return output + stderr.Result;
    }
}
