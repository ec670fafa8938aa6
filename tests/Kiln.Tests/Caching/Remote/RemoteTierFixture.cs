using Kiln.Caching;
using Kiln.Caching.Remote;
using Kiln.Targets.Fingerprints;

namespace Kiln.Tests.Caching.Remote;

/// <summary>One machine's view of a remote cache in the tests: its own local store, the tier over it, and what it printed.</summary>
internal sealed class RemoteTierFixture : IDisposable
{
    private readonly StringWriter _log = new();
    private readonly RemoteTier _tier;

    public RemoteTierFixture(ScratchDirectory scratch, string url, RemoteCacheMode mode, string? token = null, string? signingKey = null,
        TimeSpan? readTimeout = null, string? readToken = null)
    {
        var environment = new Dictionary<string, string?>
        {
            [BuildParameters.RemoteCache.TokenVariable] = token,
            [BuildParameters.RemoteCache.ReadTokenVariable] = readToken,
            [BuildParameters.RemoteCache.SigningKeyVariable] = signingKey,
        };
        var options = RemoteCacheOptions.Create(url, mode, BuildParameters.RemoteCache, name => environment.GetValueOrDefault(name))! with
        {
            Backoff = TimeSpan.FromMilliseconds(10),
            ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(10),
        };
        Local = new ToolsCacheStore(scratch.Combine($"tools-cache-{Guid.NewGuid():N}"));
        Output = TextWriter.Synchronized(_log);
        _tier = new RemoteTier(options, Output);
        Store = _tier.Over(Local);
    }

    public ToolsCacheStore Local { get; }

    public IToolsCacheStore Store { get; }

    public RemoteUploads Uploads => _tier.Uploads;

    public RemoteTier Tier => _tier;

    /// <summary>Where this machine prints, read back by <see cref="Log"/>.</summary>
    public TextWriter Output { get; }

    public string Log => _log.ToString();

    public int Warnings => Log.Split('\n').Count(line => line.StartsWith("warning:", StringComparison.Ordinal));

    public static FingerprintInputs Inputs(string arch, string parameter = "default") =>
        new(new Dictionary<string, string> { ["arch"] = arch, ["parameter"] = parameter },
            new Dictionary<string, FileDigest> { ["stress/build.sh"] = FileDigest.Regular(new string('a', 64), executable: true) });

    public static string BuiltTools(ScratchDirectory scratch, string content)
    {
        var name = $"built-{Guid.NewGuid():N}";
        scratch.Write($"{name}/bin/stress", content, executable: true);
        return scratch.Combine(name);
    }

    public void Dispose() => _tier.Dispose();
}
