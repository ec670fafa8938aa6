using Kiln.Dist;
using Kiln.Tools;
using Kiln.Tools.Building;
using Kiln.Tools.Recipes;
using Kiln.Tools.Sources;

namespace Kiln.Tests.Dist;

/// <summary>The tools half of a release as <see cref="ReleaseCheckout"/> laid it out, counting how often each part is asked for.</summary>
internal sealed class FakeReleaseTools(ReleaseCheckout checkout) : IReleaseTools
{
    public Dictionary<string, int> Calls { get; } = [];

    public IReadOnlyList<string> ArchitectureNames => [ReleaseCheckout.Arch];

    public string BuilderImageTag => "kiln-builder:0123456789ab";

    public IReadOnlyList<ToolRecipe> Recipes() => [];

    public IReadOnlyList<ToolsManifest> BuiltTools() => Count<IReadOnlyList<ToolsManifest>>(nameof(BuiltTools), [checkout.Tools]);

    public Task<string> AssembleSourcesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Count(nameof(AssembleSourcesAsync), checkout.Layout.SourcesDirectory));

    public Task<IReadOnlyList<FetchedDataFile>> DataFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Count(nameof(DataFilesAsync), checkout.Data));

    public Task<string> ExecutorNameAsync(CancellationToken cancellationToken) => Task.FromResult(Count(nameof(ExecutorNameAsync), "local"));

    public Task<IReadOnlyDictionary<string, string>> CacheKeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Count(nameof(CacheKeysAsync), (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [ReleaseCheckout.Arch] = new string('f', 64) }));

    private T Count<T>(string member, T result)
    {
        Calls[member] = Calls.GetValueOrDefault(member) + 1;
        return result;
    }
}
