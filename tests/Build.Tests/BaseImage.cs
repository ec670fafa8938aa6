using Docker.DotNet;
using Kiln.Docker;

namespace Build.Tests;

/// <summary>The Debian base image the builder and the bare machine start from, obtained the way the build obtains it.</summary>
internal static class BaseImage
{
    public const string Reference = "debian:bookworm";

    /// <summary>Present, pulled, or bootstrapped with debootstrap (which needs root: the test process, not the build under test).</summary>
    public static void Ensure() =>
        new BaseImageProvider(new DockerClientBuilder().Build()).EnsureAsync(Reference, new Progress<string>(), CancellationToken.None).GetAwaiter().GetResult();
}
