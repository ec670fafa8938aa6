using Kiln.Dist;

namespace Kiln.Pipeline;

/// <summary>What the release takes from the tools stages, each computed once per run like the stages' own data.</summary>
internal sealed partial class ToolsWorkflow : IReleaseTools
{
    IReadOnlyList<string> IReleaseTools.ArchitectureNames => Architectures().Select(a => a.Name).ToList();

    async Task<string> IReleaseTools.ExecutorNameAsync(CancellationToken cancellationToken) => (await ExecutorAsync(cancellationToken)).Name;

    async Task<IReadOnlyDictionary<string, string>> IReleaseTools.CacheKeysAsync(CancellationToken cancellationToken) =>
        (await FingerprintAsync(cancellationToken)).ToDictionary(a => a.Arch.Name, a => a.Key);
}
