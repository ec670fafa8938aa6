using Kiln.Caching.Remote;
using Kiln.Targets.Foundation;

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
        var keys = everyEntry
            ? null
            : (await FingerprintAsync(cancellationToken)).SelectMany(a => a.Tools.Select(t => (t.Scope, t.Key)).Prepend((a.Arch.Name, a.Key))).ToList();
        return await new ToolsCachePush(_localStore, _remote, log).PushAsync(keys, cancellationToken);
    }
}
