using Docker.DotNet;

namespace Kiln.Tests.Docker.Fakes;

/// <summary>A Docker client without a daemon: only the operations given are backed, each by a <see cref="FakeOperations"/>.</summary>
internal static class FakeDockerClient
{
    internal static IDockerClient WithImages(IImageOperations images) =>
        Create(new() { ["get_Images"] = _ => images });

    internal static IDockerClient WithImagesAndContainers(IImageOperations images, IContainerOperations containers) =>
        Create(new() { ["get_Images"] = _ => images, ["get_Containers"] = _ => containers });

    private static IDockerClient Create(Dictionary<string, Func<object?[], object?>> operations)
    {
        operations["Dispose"] = _ => null;
        return FakeOperations.Create<IDockerClient>(operations);
    }
}
