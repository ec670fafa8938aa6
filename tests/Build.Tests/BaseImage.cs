using Docker.DotNet;
using Kiln.Docker;

namespace Build.Tests;

/// <summary>The Debian base image the builder and the bare machine start from, obtained the way the build obtains it.</summary>
internal static class BaseImage
{
    public const string Reference = "debian:bookworm";

    private static readonly Lock Bootstrapping = new();

    /// <summary>
    /// Present, pulled, or bootstrapped with debootstrap (which needs root: the test process, not the build under test).
    /// Fixtures run side by side; one bootstraps while the others wait for it.
    /// </summary>
    public static void Ensure()
    {
        lock (Bootstrapping)
        {
            using var client = new DockerClientBuilder().Build();
            new BaseImageProvider(client).EnsureAsync(Reference, new Progress<string>(), CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
