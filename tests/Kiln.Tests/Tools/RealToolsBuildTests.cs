using Kiln.Processes;
using System.Diagnostics;
using Kiln.Tools;

namespace Kiln.Tests.Tools;

/// <summary>
/// The real thing: every recipe in tools/, fetched through apt from the machine's configured sources and compiled for
/// both architectures from a clean .build/. Minutes of compiling and needs the mirror, hence explicit:
/// <c>dotnet test tests/Kiln.Tests --filter "FullyQualifiedName~RealToolsBuildTests"</c>.
/// </summary>
[Explicit("compiles every real tool for both architectures (about two minutes on two cores) and needs the apt mirror")]
[NonParallelizable]
public class RealToolsBuildTests
{
    private static readonly Dictionary<string, string[]> VersionCommands = new()
    {
        ["fio"] = ["--version"],
        ["ethtool"] = ["--version"],
        ["lspci"] = ["--version"],
        ["stress"] = ["--version"],
        ["numactl"] = ["--show"],
    };

    private static readonly Dictionary<string, string> PinnedVersionOutput = new()
    {
        ["fio"] = "fio-3.33",
        ["ethtool"] = "ethtool version 6.1",
        ["lspci"] = "lspci version 3.9.0",
        ["stress"] = "stress 1.0.7",
        // numactl has no version option; --show proves it runs (under qemu it adds that NUMA is unavailable).
        ["numactl"] = "physcpubind:",
    };

    private TemporaryDirectory _checkout = null!;
    private ToolsLayout _layout = null!;
    private readonly Dictionary<ToolArchitecture, ToolsManifest> _manifests = [];

    [OneTimeSetUp]
    public async Task Build_every_recipe_for_both_architectures_from_a_clean_checkout()
    {
        _checkout = new TemporaryDirectory();
        CopyDirectory(RepositoryFiles.Recipes, _checkout.Combine("tools"));
        _layout = new ToolsLayout(_checkout.Path);
        var recipes = ToolRecipeSet.Load(_layout.RecipesDirectory).InDependencyOrder;
        var report = TestContext.Progress;

        await new HostPrerequisites(report).EnsureAsync(ToolArchitecture.All, CancellationToken.None);
        var total = Stopwatch.StartNew();
        var fetch = Stopwatch.StartNew();
        var sources = await new AptSourceFetcher(_layout, TextWriter.Null).FetchAsync(recipes, CancellationToken.None);
        report.WriteLine($"fetch and verify {recipes.Count} source packages: {fetch.Elapsed.TotalSeconds:F1} s");

        var progress = new Progress<ToolBuildEvent>(e =>
        {
            if (e.Phase != ToolBuildPhase.Started)
                report.WriteLine($"{e.Arch,-8} {e.Tool,-9} {e.Phase,-9} {e.Elapsed.TotalSeconds,6:F1} s");
        });
        var builder = new ToolBuilder(new LocalToolExecutor(), _layout, progress) { SourceDateEpoch = 1_700_000_000 };
        foreach (var arch in ToolArchitecture.All)
        {
            var build = Stopwatch.StartNew();
            _manifests[arch] = await builder.BuildAsync(arch, recipes, sources, CancellationToken.None);
            report.WriteLine($"{arch.Name}: all tools in {build.Elapsed.TotalSeconds:F1} s");
        }

        report.WriteLine($"cold total (fetch + both architectures): {total.Elapsed.TotalSeconds:F1} s");
    }

    [OneTimeTearDown]
    public void RemoveCheckout() => _checkout?.Dispose();

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void Every_shipped_binary_is_an_elf_for_its_architecture(string archName)
    {
        var arch = ToolArchitecture.ParseList(archName).Single();
        var binaries = _manifests[arch].Tools.SelectMany(t => t.Binaries).ToList();

        Assert.That(binaries.Select(b => b.Name), Is.EquivalentTo(VersionCommands.Keys));
        foreach (var binary in binaries)
            Assert.That(ElfHeader.Read(Path.Combine(_layout.OutputDirectory(arch), binary.Path))?.Machine, Is.EqualTo(arch.ElfMachine), binary.Path);
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public async Task Every_shipped_binary_runs_and_prints_its_pinned_version_where_it_has_one(string archName)
    {
        var arch = ToolArchitecture.ParseList(archName).Single();

        foreach (var (binary, arguments) in VersionCommands)
        {
            var output = await Run(arch, binary, arguments);
            Assert.That(output, Does.Contain(PinnedVersionOutput[binary]), binary);
        }
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public async Task Fio_has_the_libaio_engine(string archName)
    {
        var arch = ToolArchitecture.ParseList(archName).Single();

        var engines = await Run(arch, "fio", ["--enghelp"]);

        Assert.That(engines.Split('\n').Select(l => l.Trim()), Does.Contain("libaio"));
    }

    [Test]
    public void An_edited_dsc_pin_fails_naming_the_tool_and_both_digests()
    {
        var fio = ToolRecipeSet.Load(_layout.RecipesDirectory).InDependencyOrder.Single(r => r.Name == "fio");
        var edited = fio with { DscSha256 = new string('f', 64) };

        var error = Assert.ThrowsAsync<SourceVerificationException>(() =>
            new AptSourceFetcher(_layout, TextWriter.Null).FetchAsync(edited, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("fio").And.Contain(fio.DscSha256).And.Contain(edited.DscSha256));
    }

    private async Task<string> Run(ToolArchitecture arch, string binary, string[] arguments)
    {
        var path = Path.Combine(_layout.OutputDirectory(arch), "bin", binary);
        string[] command = arch.Name == ToolArchitecture.HostName ? [path, .. arguments] : ["qemu-aarch64-static", path, .. arguments];
        var output = new StringWriter();
        await ProcessRunner.RunAsync(command, _checkout.Path, null, output, CancellationToken.None);
        return output.ToString();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
