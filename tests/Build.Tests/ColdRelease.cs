using Kiln.Tests.Support;

namespace Build.Tests;

/// <summary>
/// <c>./build.sh Dist --executor local</c> from nothing in a copy of the repository, as a new user runs it, with a remote
/// cache (nginx) it fills: made once per run, on first use, for the fixtures that read the release and those that rebuild
/// tools from its cache. Later callers wait for the first.
/// </summary>
internal sealed class ColdRelease
{
    public const string RemoteCacheToken = "release-tests-token";

    private static readonly Lazy<ColdRelease> Seed = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private ColdRelease(RepositoryCopy repository, NginxCacheServer remoteCache, ProcessResult dist)
    {
        Repository = repository;
        RemoteCache = remoteCache;
        Dist = dist;
    }

    public RepositoryCopy Repository { get; }

    public NginxCacheServer RemoteCache { get; }

    /// <summary>What the cold <c>./build.sh Dist</c> printed and returned.</summary>
    public ProcessResult Dist { get; }

    public static ColdRelease Built() => Seed.Value;

    public static void Delete()
    {
        if (!Seed.IsValueCreated)
            return;
        Seed.Value.RemoteCache.Dispose();
        Seed.Value.Repository.Dispose();
    }

    /// <summary>
    /// A new copy named <paramref name="name"/> (with the run's compiled build project) holding a copy of the cold release's
    /// local tools cache: another checkout of the same commit whose cache is warm, without a cold build of its own.
    /// </summary>
    public static RepositoryCopy CopyWithItsToolsCache(string name)
    {
        var cold = Built();
        Assert.That(cold.Dist.ExitCode, Is.Zero, "the cold release failed: " + cold.Dist.All);
        var copy = RepositoryCopy.Create(name, SharedOutputs.BuildProject);
        var copied = RepositoryCopy.Run("cp", ["-a", cold.Repository.PathOf("tools-cache"), copy.Root], copy.Root);
        Assert.That(copied.ExitCode, Is.Zero, copied.All);
        return copy;
    }

    /// <summary>The variables that point a build at the remote cache, in <paramref name="mode"/> (read or read-write).</summary>
    public Dictionary<string, string> RemoteCacheEnvironment(string mode) => RemoteCacheEnvironment(RemoteCache, mode);

    /// <summary>The variables that point a build at <paramref name="server"/>, in <paramref name="mode"/>, with the token it expects.</summary>
    public static Dictionary<string, string> RemoteCacheEnvironment(NginxCacheServer server, string mode) => new()
    {
        ["KILN_REMOTE_CACHE"] = server.Url,
        ["KILN_REMOTE_CACHE_MODE"] = mode,
        ["KILN_REMOTE_CACHE_TOKEN"] = RemoteCacheToken,
    };

    private static ColdRelease Build()
    {
        // The run's shared publish: publishing is the Publish target's, the same in every copy, and whether another user in
        // another directory publishes the same bytes is DockerToolsTests' comparison. The tools are what is compiled cold here.
        var repository = RepositoryCopy.Create("release");
        var remoteCache = NginxCacheServer.Start(RemoteCacheToken);
        var dist = repository.BuildSh(RemoteCacheEnvironment(remoteCache, "read-write"), "Dist", "--executor", "local");
        return new ColdRelease(repository, remoteCache, dist);
    }
}
