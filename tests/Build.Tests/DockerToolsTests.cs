using Kiln.Testing;
using Kiln.Tools.Building;

namespace Build.Tests;

/// <summary>
/// The Docker executor end to end, where GitHub's runners use it: as a user who is not root, may use the Docker socket
/// and has no usable apt, <c>./build.sh Dist --executor docker</c> builds (or reuses) the builder image, fetches the
/// sources inside it, compiles in containers for both arches, writes the release, and a warm run with the same PATH
/// succeeds. One autotools tool proves it: compiling every recipe again would repeat the cold local release's work (the
/// same recipes and build steps), and how a container sees its dependencies is the Docker Engine tests' subject. The
/// copy publishes the program itself, the run's only publish besides the shared one, so the two must be byte-identical.
/// </summary>
[TimeLimit(300, OneTimeSetUpSeconds = 1200, Why = "the set-up builds the base and builder images, then stress for both arches in containers")]
[Order(2)]
public class DockerToolsTests
{
    private static readonly string[] Dist = ["Dist", "--executor", "docker", "--tools", "stress"];

    private RepositoryCopy _repository = null!;
    private UnprivilegedUser _user = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildTheReleaseInDockerAsAUserWithoutApt()
    {
        BaseImage.Ensure();
        _repository = RepositoryCopy.Create("docker", SharedOutputs.BuildProject);
        _user = UnprivilegedUser.For(_repository);
        _build = _user.BuildSh(_repository, Dist);
    }

    [OneTimeTearDown]
    public void DeleteCopy() => _repository.Dispose();

    /// <summary>Each file of a publish but its stamp, by name, with its SHA-256.</summary>
    private static SortedDictionary<string, string> PublishedFiles(string directory) =>
        new(new DirectoryInfo(directory).GetFiles().Where(file => file.Name != Kiln.Dist.PublishStamp.FileName).ToDictionary(
            file => file.Name, file => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file.FullName)))), StringComparer.Ordinal);

    [Test, Order(1)]
    public void A_cold_dist_in_the_builder_image_succeeds_without_root_or_the_hosts_apt()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.All);
        Assert.That(_build.Output, Does.Match(@"BuilderImage\s+Succeeded\s+\S+\s+(built|present) kiln-builder:[0-9a-f]{12}"));
        Assert.That(_build.Output, Does.Contain("(in kiln-builder:"), "sources were fetched inside the builder image");
        Assert.That(_build.All, Does.Not.Contain("not usable on this host"));
        Assert.That(File.Exists(_repository.PathOf("dist/sysreport-aarch64.tgz")), Is.True);
    }

    [Test, Order(2)]
    public void A_warm_dist_without_the_hosts_apt_restores_tools_and_sources_from_the_cache()
    {
        var warm = _user.BuildSh(_repository, Dist);

        Assert.That(warm.ExitCode, Is.Zero, warm.All);
        Assert.That(warm.Output, Does.Match(@"Tools\s+Skipped\s+cache hit"));
        Assert.That(warm.Output, Does.Contain("verified in the source store").And.Not.Contain("apt-get source"));
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void Tools_built_in_docker_are_for_their_arch_and_run(string arch)
    {
        ToolBinaryChecks.AssertRuns(_repository.PathOf($".build/tools/{arch}/bin"), arch, only: ["stress"]);
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void The_tools_manifest_records_the_docker_executor_and_the_image_id(string arch)
    {
        var manifest = ToolsManifest.Read(_repository.PathOf($".build/tools/{arch}/tools.json"));

        Assert.That(manifest.Executor, Is.EqualTo("docker"));
        Assert.That(manifest.Toolchain, Does.Match("^sha256:[0-9a-f]{64}$"));
    }

    [TestCase("x86_64")]
    [TestCase("aarch64")]
    public void The_program_published_by_another_user_in_another_directory_is_byte_identical_to_the_runs_shared_publish(string arch)
    {
        var own = new Kiln.CheckoutLayout(_repository.Root).PublishDirectory;
        var shared = new Kiln.CheckoutLayout(PublishedProgram.Published().Root).PublishDirectory;

        var ownFiles = PublishedFiles(Path.Combine(own, arch));
        var sharedFiles = PublishedFiles(Path.Combine(shared, arch));

        Assert.That(ownFiles.Keys, Is.EqualTo(sharedFiles.Keys));
        Assert.That(ownFiles.Where(file => sharedFiles[file.Key] != file.Value).Select(file => file.Key), Is.Empty, "files with other bytes");
    }

    [Test]
    public void No_tool_container_is_left_behind()
    {
        // Tools containers of other builds on this daemon (other test projects, other checkouts) are not this build's:
        // the checkout label names the root directory, which build.sh resolves physically (pwd -P).
        var checkout = RepositoryCopy.Run("realpath", [_repository.Root], _repository.Root);
        Assert.That(checkout.ExitCode, Is.Zero, checkout.All);

        var containers = RepositoryCopy.Run("docker",
            ["ps", "-a", "--filter", "label=kiln.sandbox=tools", "--filter", $"label=kiln.checkout={checkout.Output.Trim()}", "--format", "{{.Names}} {{.Status}}"],
            _repository.Root);

        Assert.That(containers.ExitCode, Is.Zero, containers.All);
        Assert.That(containers.Output.Trim(), Is.Empty);
    }
}
