using Docker.DotNet;

namespace Kiln.Tests.Docker.Fakes;

/// <summary>A Docker client without a daemon: only <see cref="Images"/> is backed, by a <see cref="FakeOperations"/>.</summary>
internal static class FakeDockerClient
{
    internal static IDockerClient WithImages(IImageOperations images) =>
        FakeOperations.Create<IDockerClient>(new Dictionary<string, Func<object?[], object?>>
        {
            ["get_Images"] = _ => images,
            ["Dispose"] = _ => null,
        });
}
