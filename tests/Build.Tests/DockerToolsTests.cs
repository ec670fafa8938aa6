using Kiln.Tools;

namespace Build.Tests;

/// <summary>
/// The Docker executor end to end: <c>./build.sh Tools --executor docker</c> builds (or reuses) the builder image,
/// compiles every tool in containers, and the binaries pass the same checks as the host build's.
/// </summary>
[NonParallelizable]
public class DockerToolsTests
{
    private RepositoryCopy _repository = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildToolsInDocker()
    {
        _repository = RepositoryCopy.Create("docker");
        _build = _repository.BuildSh("Tools", "--executor", "docker");
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    [Test]
    public void Tools_built_in_the_builder_image_succeed()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.All);
        Assert.That(_build.Output, Does.Match(@"BuilderImage\s+Succeeded\s+\S+\s+(built|present) kiln-builder:[0-9a-f]{12}"));
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void Tools_built_in_docker_are_for_their_arch_and_run(string arch)
    {
        ToolBinaryChecks.AssertRuns(_repository.PathOf($".build/tools/{arch}/bin"), arch);
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void The_tools_manifest_records_the_docker_executor_and_the_image_id(string arch)
    {
        var manifest = ToolsManifest.Read(_repository.PathOf($".build/tools/{arch}/tools.json"));

        Assert.That(manifest.Executor, Is.EqualTo("docker"));
        Assert.That(manifest.Toolchain, Does.Match("^sha256:[0-9a-f]{64}$"));
    }

    [Test]
    public void No_tool_container_is_left_behind()
    {
        var containers = RepositoryCopy.Run("docker", ["ps", "-a", "--filter", "label=kiln.sandbox=tools", "-q"], _repository.Root);

        Assert.That(containers.Output.Trim(), Is.Empty);
    }
}
