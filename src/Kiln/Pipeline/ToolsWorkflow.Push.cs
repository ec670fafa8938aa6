using Kiln.Caching.Remote;
using Kiln.Targets.Foundation;
using Kiln.Tools.Building;

namespace Kiln.Pipeline;

internal sealed partial class ToolsWorkflow
{
    /// <summary>
    /// Seeds the remote cache: uploads the local entries of this checkout's keys (each arch's and each tool's), or with
    /// <paramref name="everyEntry"/> every entry of the local store, that the server lacks. Returns the summary.
    /// </summary>
    public async Task<IReadOnlyList<string>> PushAsync(bool everyEntry, CancellationToken cancellationToken)
    {
        var names = settings.Parameters.RemoteCache;
        if (_remote is null)
            throw new BuildException($"{names.UrlDisplayName}: no remote cache is set; give the URL of the cache to push to.");
        if (!_remote.Options.CanWrite)
            throw new BuildException($"{names.Mode} ({names.Mode.EnvironmentVariable}): the remote cache is read-only for this run; pushing uploads, so give read-write.");
        var keys = everyEntry ? null : await CurrentKeysAsync(cancellationToken);
        return await new ToolsCachePush(_localStore, _remote, log).PushAsync(keys, cancellationToken);
    }

    /// <summary>
    /// This checkout's keys: each arch's, and each tool's along the dependency graph. A dependant's key names its
    /// dependencies' outputs, which the local store's entries of those dependencies give; a dependant whose dependency the
    /// store lacks has no key yet and is left out, with a line saying so.
    /// </summary>
    private async Task<List<(string Scope, string Fingerprint)>> CurrentKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<(string Scope, string Fingerprint)>();
        foreach (var arch in await FingerprintAsync(cancellationToken))
        {
            keys.Add((arch.Arch.Name, arch.Key));
            foreach (var tool in arch.Tools)
            {
                if (!ToolKeys.TryResolve(tool, arch.Tools))
                {
                    log.WriteLine($"local cache: {tool.Scope} not pushed: its key names the output of {string.Join(" and ", tool.Recipe.DependsOn)}, which the local cache does not hold");
                    continue;
                }

                keys.Add((tool.Scope, tool.Key));
                if (arch.Tools.Any(t => t.Recipe.DependsOn.Contains(tool.Recipe.Name)))
                    tool.Output = await LocalOutputAsync(tool, cancellationToken);
            }
        }

        return keys;
    }

    /// <summary>The output digest of <paramref name="tool"/>'s local entry (restored into a scratch directory), or null when the store lacks it.</summary>
    private async Task<string?> LocalOutputAsync(ToolState tool, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("kiln-push-").FullName;
        try
        {
            var destination = Path.Combine(scratch, tool.Recipe.Name);
            var restored = await _localStore.TryRestoreAsync(tool.Scope, tool.Key, destination, cancellationToken);
            return restored.IsHit ? ToolPartOutput.Digest(destination) : null;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
