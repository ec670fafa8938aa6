using Kiln.Testing;
namespace Build.Tests;

/// <summary>
/// The README's promise where a new user runs it: on a bare Debian machine with only the .NET SDK, as root,
/// <c>./build.sh Dist --executor local</c> installs the compilers it is missing and succeeds from nothing, and an
/// immediate second run finds every arch in the cache. The cross arch and one autotools tool prove the point. The copy
/// compiles the build project from nothing (its subject) but takes the run's shared publish of the program: publishing
/// needs only the SDK and NuGet, which compiling the build project already uses there.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up installs compilers in a bare container and compiles the build project and stress there")]
[Order(3)]
public class BareMachineTests
{
    private const string Dist = "./build.sh Dist --executor local --arch aarch64 --tools stress";

    private RepositoryCopy _repository = null!;
    private BareMachine _machine = null!;
    private ProcessResult _cold = null!;
    private ProcessResult _warm = null!;

    [OneTimeSetUp]
    public void BuildTwiceOnABareMachine()
    {
        _repository = RepositoryCopy.Create("bare", SharedOutputs.PublishedProgram);
        _machine = BareMachine.Start(_repository.Root);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _cold = _machine.Run(Dist);
        var cold = stopwatch.Elapsed;
        _warm = _machine.Run(Dist);
        TestContext.Progress.WriteLine($"bare machine: cold '{Dist}' {cold.TotalSeconds:0.0} s, warm {(stopwatch.Elapsed - cold).TotalSeconds:0.0} s");
    }

    [OneTimeTearDown]
    public void StopTheMachine()
    {
        _machine.Dispose();
        _repository.Dispose();
    }

    [Test, Order(1)]
    public void A_cold_dist_installs_the_missing_compilers_and_succeeds()
    {
        Assert.That(_cold.ExitCode, Is.Zero, _cold.All);
        Assert.That(_cold.Output, Does.Contain("Installing missing host packages").And.Contain("gcc-aarch64-linux-gnu").And.Contain("autoconf"));
        Assert.That(File.Exists(_repository.PathOf("dist/sysreport-aarch64.tgz")), Is.True);
    }

    [Test, Order(2)]
    public void An_immediate_second_dist_hits_the_cache_and_skips_tools()
    {
        Assert.That(_warm.ExitCode, Is.Zero, _warm.All);
        Assert.That(_warm.Output, Does.Match(@"ToolsCache\s+Succeeded\s+\S+\s+aarch64: hit [0-9a-f]{12}"));
        Assert.That(_warm.Output, Does.Match(@"Tools\s+Skipped\s+cache hit"));
        Assert.That(_warm.Output, Does.Not.Contain("Installing missing host packages"));
    }
}
