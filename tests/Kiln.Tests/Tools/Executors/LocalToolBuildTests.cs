using Kiln.Targets.Fingerprints;
using Kiln.Processes;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Executors;
using Kiln.Tools.Recipes;

namespace Kiln.Tests.Tools.Executors;

/// <summary>
/// Builds a tiny C tool and the static library it links, from local source packages, through the real
/// <see cref="ToolBuilder"/> and <see cref="LocalToolExecutor"/> with the host's native and cross compilers.
/// </summary>
public class LocalToolBuildTests
{
    private const string LibraryBuildScript = """
        #!/usr/bin/env bash
        set -euo pipefail
        $CC $CFLAGS -c "$KILN_WORK/greeting.c" -o greeting.o
        $AR rcs libgreeting.a greeting.o
        install -D -m 0644 libgreeting.a "$KILN_PREFIX/lib/libgreeting.a"
        install -D -m 0644 greeting.h "$KILN_PREFIX/include/greeting.h"
        mkdir -p "$KILN_PREFIX/lib/pkgconfig"
        printf 'prefix=%s\nLibs: -L${prefix}/lib -lgreeting\n' "$KILN_PREFIX" > "$KILN_PREFIX/lib/pkgconfig/greeting.pc"
        """;

    private const string ToolBuildScript = """
        #!/usr/bin/env bash
        set -euo pipefail
        $CC $CFLAGS -I"$KILN_PREFIX/include" -static -o kilnhello hello.c -L"$KILN_PREFIX/lib" -lgreeting
        install -D -m 0755 kilnhello "$KILN_OUT/kilnhello"
        """;

    private ScratchDirectory _temp = null!;
    private CheckoutLayout _layout = null!;
    private ToolRecipe _library = null!;
    private ToolRecipe _tool = null!;
    private List<ToolBuildEvent> _events = null!;

    [SetUp]
    public void CreateRecipesAndSources()
    {
        _temp = new ScratchDirectory();
        _layout = new CheckoutLayout(_temp.Combine("checkout"));
        var libraryDsc = SourcePackageFixture.Build(Sources("libgreeting"), "libgreeting", "1.0", new Dictionary<string, string>
        {
            ["greeting.h"] = "const char *greeting(void);\nconst char *greeting_origin(void);\n",
            ["greeting.c"] = "#include \"greeting.h\"\nconst char *greeting(void) { return \"kilnhello 1.0\"; }\nconst char *greeting_origin(void) { return __FILE__; }\n",
        });
        var toolDsc = SourcePackageFixture.Build(Sources("kilnhello"), "kilnhello", "1.0", new Dictionary<string, string>
        {
            ["hello.c"] = "#include <stdio.h>\n#include \"greeting.h\"\nint main(int argc, char **argv) { puts(argc > 1 ? greeting_origin() : greeting()); return 0; }\n",
        });
        _library = SourcePackageFixture.RecipeFor(libraryDsc, "libgreeting", "1.0", ToolKind.Library);
        _tool = SourcePackageFixture.RecipeFor(toolDsc, "kilnhello", "1.0", ToolKind.Tool, "libgreeting");
        WriteBuildScript(_library, LibraryBuildScript);
        WriteBuildScript(_tool, ToolBuildScript);
        _events = [];
    }

    [TearDown]
    public void RemoveTemporaryFiles() => _temp.Dispose();

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public async Task A_tool_is_compiled_for_the_target_architecture_and_recorded_in_tools_json(string archName)
    {
        var arch = ToolArchitecture.ParseList(archName).Single();
        var manifest = await Builder().BuildAsync(arch, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);

        var binary = Path.Combine(_layout.OutputDirectory(arch), "bin", "kilnhello");
        var elf = ElfHeader.Read(binary);
        Assert.That(elf, Is.Not.Null);
        Assert.That(elf!.Value.Machine, Is.EqualTo(arch.ElfMachine));
        Assert.That(elf.Value.Is64Bit, Is.True);
        var recorded = ToolsManifest.Read(Path.Combine(_layout.OutputDirectory(arch), ToolsManifest.FileName));
        Assert.That(recorded.Arch, Is.EqualTo(arch.Name));
        Assert.That(recorded.Tools.Select(t => t.Name), Is.EqualTo(new[] { "libgreeting", "kilnhello" }));
        var built = recorded.Tools.Single(t => t.Name == "kilnhello");
        Assert.That(built.DscSha256, Is.EqualTo(_tool.DscSha256));
        Assert.That(built.Binaries.Single().Sha256, Is.EqualTo(ContentHash.OfFile(binary)));
        Assert.That(recorded.Toolchain, Does.Contain("gcc"));
        Assert.That(manifest.Tools, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_native_binary_is_static_and_stripped_and_runs()
    {
        var native = ToolArchitecture.All.Single(a => a.Name == ToolArchitecture.HostName);

        await Builder().BuildAsync(native, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);

        var binary = Path.Combine(_layout.OutputDirectory(native), "bin", "kilnhello");
        var output = await ProcessRunner.CaptureAsync([binary], _temp.Path, CancellationToken.None);
        Assert.That(output.Trim(), Is.EqualTo("kilnhello 1.0"));
        var nm = new StringWriter();
        await ProcessRunner.RunAsync(["nm", binary], _temp.Path, null, nm, CancellationToken.None);
        Assert.That(nm.ToString(), Does.Contain("no symbols"));
    }

    [Test]
    public async Task Each_tool_reports_started_and_succeeded_with_its_log_file()
    {
        await Builder().BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);

        Assert.That(_events.Select(e => $"{e.Arch} {e.Tool} {e.Phase}"), Is.EqualTo(new[]
        {
            "x86_64 libgreeting Started", "x86_64 libgreeting Succeeded", "x86_64 kilnhello Started", "x86_64 kilnhello Succeeded",
        }));
        var logFile = _layout.LogFile(ToolArchitecture.X86_64, _tool);
        Assert.That(_events.Last().LogFile, Is.EqualTo(logFile));
        Assert.That(File.ReadAllText(logFile), Does.Contain("KILN_ARCH=x86_64"));
    }

    [Test]
    public async Task A_failing_recipe_fails_with_its_log_tail_and_leaves_no_tools_directory()
    {
        await Builder().BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);
        WriteBuildScript(_tool, "#!/usr/bin/env bash\nfor i in $(seq 1 100); do echo \"compiler line $i\"; done\necho 'hello.c:1: error: broken' >&2\nexit 2\n");

        var error = Assert.ThrowsAsync<ToolBuildException>(() =>
            Builder().BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None))!;

        Assert.That(error.Tool, Is.EqualTo("kilnhello"));
        Assert.That(error.LogFile, Is.EqualTo(_layout.LogFile(ToolArchitecture.X86_64, _tool)));
        Assert.That(error.LogTail, Has.Count.EqualTo(ToolBuildException.TailLines));
        Assert.That(error.Message, Does.Contain("hello.c:1: error: broken").And.Contain("build.sh failed with exit code 2"));
        Assert.That(error.Message, Does.Not.Contain("compiler line 50"));
        Assert.That(_events.Last().Phase, Is.EqualTo(ToolBuildPhase.Failed));
        Assert.That(Directory.Exists(_layout.OutputDirectory(ToolArchitecture.X86_64)), Is.False, "the previous output is gone, not mistaken for this build's");
        Assert.That(Directory.GetDirectories(_layout.ToolsDirectory), Is.Empty, "no staging directory is left behind");
    }

    [Test]
    public void A_recipe_that_does_not_install_a_declared_binary_fails_naming_it()
    {
        WriteBuildScript(_tool, "#!/usr/bin/env bash\ntrue\n");

        var error = Assert.ThrowsAsync<ToolBuildException>(() =>
            Builder().BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("missing: ").And.Contain("/bin/kilnhello"));
    }

    [Test]
    public void A_host_binary_in_an_aarch64_build_is_refused()
    {
        WriteBuildScript(_tool, "#!/usr/bin/env bash\nset -eu\necho 'int main(void) { return 0; }' > plain.c\ngcc -o kilnhello plain.c\ninstall -D kilnhello \"$KILN_OUT/kilnhello\"\n");

        var error = Assert.CatchAsync(() =>
            Builder().BuildAsync(ToolArchitecture.Aarch64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("kilnhello (aarch64)"));
        Assert.That(Directory.Exists(_layout.OutputDirectory(ToolArchitecture.Aarch64)), Is.False);
    }

    [Test]
    public async Task An_interrupted_build_leaves_no_tools_directory()
    {
        await Builder().BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);
        var compiling = _temp.Combine("compiling");
        WriteBuildScript(_tool, $"#!/usr/bin/env bash\necho compiling\ntouch '{compiling}'\nsleep 600\n");
        using var interrupt = new CancellationTokenSource();
        var build = new ToolBuilder(new LocalToolExecutor(_temp.Path), _layout)
            .BuildAsync(ToolArchitecture.X86_64, [_library, _tool], _layout.SourcesDirectory, interrupt.Token);
        // Interrupt while the recipe's build.sh runs, the moment a half-built part exists.
        await Patience.UntilAsync(() => File.Exists(compiling) || build.IsCompleted, "kilnhello's build.sh did not start");

        await interrupt.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => build);

        Assert.That(Directory.Exists(_layout.OutputDirectory(ToolArchitecture.X86_64)), Is.False);
        Assert.That(Directory.GetDirectories(_layout.ToolsDirectory), Is.Empty, "no staging directory is left behind");
        Assert.That(Directory.GetDirectories(_temp.Path, "kiln-tools-*"), Is.Empty, "the sandbox is removed");
    }

    [Test]
    public async Task Binaries_do_not_depend_on_the_directory_the_build_ran_in()
    {
        var first = await Builder().BuildAsync(ToolArchitecture.Aarch64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);
        var elsewhere = Path.Combine(_temp.Path, "a-much-longer-scratch-directory-name");
        Directory.CreateDirectory(elsewhere);

        var second = await new ToolBuilder(new LocalToolExecutor(elsewhere), _layout) { SourceDateEpoch = 1_700_000_000 }
            .BuildAsync(ToolArchitecture.Aarch64, [_library, _tool], _layout.SourcesDirectory, CancellationToken.None);

        Assert.That(second.Tools[1].Binaries[0].Sha256, Is.EqualTo(first.Tools[1].Binaries[0].Sha256));
    }

    [Test]
    public async Task A_library_rebuilt_in_another_sandbox_has_the_same_output()
    {
        var part = _layout.PartDirectory(ToolArchitecture.X86_64, _library.Name);
        await Builder().BuildAsync(ToolArchitecture.X86_64, [_library], _layout.SourcesDirectory, CancellationToken.None);
        var first = ToolPartOutput.Digest(part);
        var firstSandbox = ToolPartInfo.Read(part).WorkDirectory;

        await Builder().BuildAsync(ToolArchitecture.X86_64, [_library], _layout.SourcesDirectory, CancellationToken.None);

        Assert.That(ToolPartInfo.Read(part).WorkDirectory, Is.Not.EqualTo(firstSandbox), "each build has a sandbox of its own");
        Assert.That(File.ReadAllText(Path.Combine(part, "prefix", "lib", "pkgconfig", "greeting.pc")), Does.Contain(ToolPartInfo.Read(part).WorkDirectory));
        Assert.That(ToolPartOutput.Digest(part), Is.EqualTo(first));
    }

    [Test]
    public async Task A_part_the_cache_restores_once_its_dependencies_are_built_is_not_compiled()
    {
        var calls = new List<string>();
        var parts = new[] { _library, _tool }.Select(recipe => new ToolPart(ToolArchitecture.X86_64, recipe)).ToList();

        await Builder().BuildPartsAsync(
            parts,
            _layout.SourcesDirectory,
            (part, _) =>
            {
                calls.Add($"restore {part.Recipe.Name}");
                return Task.FromResult(part.Recipe == _tool);
            },
            (part, _) =>
            {
                calls.Add($"built {part.Recipe.Name}");
                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.That(calls, Is.EqualTo(new[] { "restore libgreeting", "built libgreeting", "restore kilnhello" }));
        Assert.That(_events.Select(e => $"{e.Tool} {e.Phase}"), Is.EqualTo(new[] { "libgreeting Started", "libgreeting Succeeded" }));
        Assert.That(Directory.Exists(_layout.PartDirectory(ToolArchitecture.X86_64, _tool.Name)), Is.False, "nothing compiled it");
    }

    private ToolBuilder Builder() =>
        new(new LocalToolExecutor(_temp.Path), _layout, new SynchronousProgress<ToolBuildEvent>(_events.Add)) { Jobs = 2, SourceDateEpoch = 1_700_000_000 };

    private string Sources(string tool)
    {
        var directory = Path.Combine(_layout.SourcesDirectory, tool);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private void WriteBuildScript(ToolRecipe recipe, string script)
    {
        var directory = Path.Combine(_layout.RecipesDirectory, recipe.Name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ToolRecipeSet.BuildScriptName), script);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the events in order and complete when the build returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
