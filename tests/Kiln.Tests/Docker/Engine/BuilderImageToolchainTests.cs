using Docker.DotNet.Models;
using Kiln.Docker;
using Kiln.Targets.Fingerprints;
using Kiln.Tools;
using Kiln.Testing;
using Kiln.Tools.Executors;

namespace Kiln.Tests.Docker.Engine;

/// <summary>
/// The Docker executor's toolchain key is what dpkg says is installed in the builder image. Two builder images on a Debian
/// base: the first installs kernel headers at one version, the second is a layer on top of it that upgrades them.
/// </summary>
[TimeLimit(120, OneTimeSetUpSeconds = 600, Why = "the set-up bootstraps debian:bookworm with debootstrap when the daemon lacks it")]
public sealed class BuilderImageToolchainTests
{
    private const string Debian = "debian:bookworm";

    /// <summary>Installs a package named linux-libc-dev at @VERSION@ with dpkg itself, so dpkg's database holds it as any install would.</summary>
    private const string KernelHeadersLayer = """
        ARG BASE_IMAGE
        FROM ${BASE_IMAGE}
        RUN set -e; mkdir -p /tmp/headers/DEBIAN; \
            printf 'Package: linux-libc-dev\nVersion: @VERSION@\nArchitecture: %s\nMaintainer: Kiln tests <kiln@localhost>\nDescription: kernel headers stand-in\n' \
                "$(dpkg --print-architecture)" > /tmp/headers/DEBIAN/control; \
            dpkg-deb --build /tmp/headers /tmp/headers.deb; dpkg -i /tmp/headers.deb; rm -rf /tmp/headers /tmp/headers.deb

        """;

    private readonly List<string> _tags = [];
    private DirectoryInfo _root = null!;

    [OneTimeSetUp]
    public async Task EnsureDebian() =>
        await new BaseImageProvider(DaemonFixture.Client).EnsureAsync(Debian, new Progress<string>(), CancellationToken.None);

    [SetUp]
    public void CreateCheckout() => _root = Directory.CreateTempSubdirectory("kiln-image-toolchain-");

    [TearDown]
    public async Task RemoveImagesAndCheckout()
    {
        // The layer on top first: its parent cannot go while a child image uses it.
        foreach (var tag in Enumerable.Reverse(_tags))
            await DaemonFixture.Client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        _tags.Clear();
        _root.Delete(recursive: true);
    }

    [Test]
    public async Task An_upgraded_package_in_a_layer_on_top_changes_the_key_and_explain_names_both_versions()
    {
        // A unique version per run: the content tag must not find a previous run's image.
        var run = Guid.NewGuid().ToString("N")[..8];
        var (before, after) = ($"6.1.176-1+{run}", $"6.1.187-1+{run}");
        var first = await ExecutorAsync("first", Debian, before);
        var second = await ExecutorAsync("second", first.ImageTag, after);

        var previous = Inputs(await first.ToolchainKeyAsync(ToolArchitecture.X86_64, CancellationToken.None));
        var current = Inputs(await second.ToolchainKeyAsync(ToolArchitecture.X86_64, CancellationToken.None));

        var explained = FingerprintDiff.Between(previous, current).ToDetailedLines(previous, current);
        Assert.That(explained, Has.Exactly(3).Items);
        Assert.That(explained[0], Is.EqualTo("input    toolchain: changed lines:"));
        Assert.That(explained[1], Does.Match($"^  -linux-libc-dev:[a-z0-9]+ {Escape(before)}$"));
        Assert.That(explained[2], Does.Match($"^  \\+linux-libc-dev:[a-z0-9]+ {Escape(after)}$"));
    }

    [Test]
    public async Task The_same_image_gives_the_same_key_in_another_checkout_and_the_key_names_no_image_id()
    {
        var version = $"6.1.176-1+{Guid.NewGuid().ToString("N")[..8]}";
        var here = await ExecutorAsync("here", Debian, version);
        var there = await ExecutorAsync("there", Debian, version);

        var key = await here.ToolchainKeyAsync(ToolArchitecture.X86_64, CancellationToken.None);
        var elsewhere = await there.ToolchainKeyAsync(ToolArchitecture.X86_64, CancellationToken.None);

        var image = await DaemonFixture.Client.Images.InspectImageAsync(here.ImageTag, CancellationToken.None);
        Assert.That(elsewhere, Is.EqualTo(key));
        Assert.That(key, Does.Not.Contain(image.ID["sha256:".Length..]).And.Not.Contain(here.ImageTag));
        Assert.That(File.ReadAllText(Path.Combine(_root.FullName, "here", "packages.json")), Does.Contain(image.ID), "the listing is remembered by image id");
    }

    /// <summary>An executor whose checkout and memo are its own, its toolchain ready (the image built and read).</summary>
    private async Task<DockerToolExecutor> ExecutorAsync(string checkout, string baseImage, string kernelHeaders)
    {
        var directory = _root.CreateSubdirectory(checkout);
        var dockerfile = Path.Combine(directory.FullName, "builder.Dockerfile");
        File.WriteAllText(dockerfile, KernelHeadersLayer.Replace("@VERSION@", kernelHeaders, StringComparison.Ordinal));
        var executor = new DockerToolExecutor(DaemonFixture.Client, dockerfile, baseImage, directory.FullName)
        {
            PackagesMemoFile = Path.Combine(directory.FullName, "packages.json"),
        };
        if (!_tags.Contains(executor.ImageTag))
            _tags.Add(executor.ImageTag);
        await executor.EnsureToolchainAsync([ToolArchitecture.X86_64], TextWriter.Null, CancellationToken.None);
        return executor;
    }

    private static FingerprintInputs Inputs(string toolchain) =>
        new(new Dictionary<string, string> { ["toolchain"] = toolchain }, new Dictionary<string, FileDigest>());

    private static string Escape(string version) => System.Text.RegularExpressions.Regex.Escape(version);
}
