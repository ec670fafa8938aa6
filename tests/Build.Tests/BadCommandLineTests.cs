using Kiln.Testing;
namespace Build.Tests;

/// <summary>
/// Bad input never crashes the build: each command line below ends with a message that says what is wrong, the summary
/// (once targets ran) and exit code 1 or 2, never an unhandled exception. The copy's tools cache is filled once (stress
/// for x86_64 only) so that skipping a target finds the others' work where a user's second run would.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 600, Why = "the set-up compiles stress for one arch")]
public class BadCommandLineTests
{
    private static readonly string[] Small = ["--executor", "local", "--arch", "x86_64", "--tools", "stress"];

    private RepositoryCopy _repository = null!;

    [OneTimeSetUp]
    public void FillTheToolsCache()
    {
        _repository = RepositoryCopy.Create("bad-input");
        var filled = _repository.BuildSh(["Tools", .. Small]);
        Assert.That(filled.ExitCode, Is.Zero, filled.All);
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [TestCase(2, "Did you mean 'Dist'", "Dsit")]
    [TestCase(2, "Unknown option --archs", "Dist", "--archs", "x86_64")]
    [TestCase(2, "podman", "Dist", "--executor", "podman")]
    [TestCase(2, "--tools-cache-max-size", "Dist", "--tools-cache-max-size", "lots")]
    [TestCase(2, "--skip names unknown target 'Tool'", "Dist", "--skip", "Tool")]
    [TestCase(1, "--arch: ", "ToolsCache", "--executor", "local", "--arch", "sparc")]
    [TestCase(1, "--tools: ", "ToolsCache", "--executor", "local", "--tools", "nonesuch")]
    [TestCase(1, "--tools-cache-dir: ", "ToolsCache", "--executor", "local", "--tools-cache-dir", "build.sh")]
    public void A_bad_command_line_says_what_is_wrong_and_exits_with_a_usage_or_failure_code(int exitCode, string message, params string[] args)
    {
        var result = _repository.BuildSh(args);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.All);
        Assert.That(result.All, Does.Contain(message));
        Assert.That(result.All, Does.Not.Contain("Unhandled exception"));
    }

    [TestCase("ToolsCache")]
    [TestCase("BuilderImage")]
    [TestCase("Tools")]
    [TestCase("Dist")]
    [TestCase("Manifest")]
    [TestCase("Checksums")]
    public void Skipping_any_target_of_the_release_ends_with_the_summary_and_no_crash(string skipped)
    {
        var result = _repository.BuildSh(["Checksums", "--skip", skipped, .. Small]);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.All);
        Assert.That(result.All, Does.Not.Contain("Unhandled exception"));
        Assert.That(result.Output, Does.Contain("Build succeeded in").Or.Contain("Build failed after"));
        Assert.That(result.Output, Does.Match($@"{skipped}\s+Skipped|{skipped} skipped"));
    }
}
